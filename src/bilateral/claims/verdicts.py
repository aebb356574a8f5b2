"""The claim checker's verdicts, in the order the outputs list them: a leaf module.

Apart from :mod:`bilateral.claims.model` because ``CheckResult.to_html`` calls
the HTML renderer, which lists the verdicts too; the renderer reads them from
here so that it does not import the model back (issue 11: no import cycle).
"""

VERDICTS = ("supported", "contradicted", "partly_supported", "not_checkable")
