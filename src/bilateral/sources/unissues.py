"""UN roll-call issue codes: unvotes' six codes checked against the
resolutions' own words, and codes for the unxml roll calls derived by rule.

The six codes (unvotes): me Palestinian conflict, nu nuclear weapons and
material, di arms control and disarmament, hr human rights, co colonialism,
ec economic development.

**Check** (:func:`check_issue_codes`). unvotes' codes were assigned by
keyword, and some are plainly wrong: in 2019 every disarmament resolution of
one batch is also coded "colonialism" and "economic development" (A/RES/74/31
and 74/41, on nuclear weapons, among them); earlier, "renewed determination
towards the total elimination of nuclear weapons" is coded colonialism
(apparently from "determination", as in self-determination) and ECOSOC
elections economic development. A code passes when the roll call's short
title or description contains at least one of the terms in
:data:`CHECK_TERMS` for that code; the terms are broad on purpose, so that
only a code with *no* support in the text fails. A failing code is dropped
(NULL), not replaced, and listed in ``out_un_issues_dropped`` with its text.

**Derivation** (:func:`derive_issue_codes`). unxml has no issue codes. A
code is given when the title or the agenda item's name contains one of the
narrower terms in :data:`DERIVE_TERMS`; ``ec`` is not given to a resolution
that already matches ``nu`` or ``di`` (the arms treaties speak of the
"development" and "production" of weapons). A roll call that matches no rule
stays uncoded: no guess. The UNBIS subjects are kept in the warehouse but
not used, because their vocabulary is too broad to separate the six issues.
"""

from __future__ import annotations

import re

import pandas as pd

ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}

#: Terms that support each code in a roll call's text (lower case; regular expressions).
CHECK_TERMS = {
    "me": r"palestin|israel|occupied|golan|jerusalem|near east|unrwa|middle east|arab|leban|syria|jordan|gaza|west bank"
          r"|sinai|suez|zion|egypt|holy places|hebron|iraq",
    "nu": r"nuclear|atomic|radioactiv|radiolog|fissile|non-?proliferation|test[- ]ban|denucleari|iaea|tlatelolco|pelindaba"
          r"|rarotonga|semipalatinsk|thermonuclear|plutonium|uranium",
    "di": r"disarm|arms|armament|weapon|military|missile|mines?\b|munition|non-?proliferation|outer space|bacteriolog|biologic"
          r"|chemical|conventional|zone of peace|peace zone|security|nuclear|atomic|test[- ]ban|denucleari|war\b|force|troops"
          r"|napalm|incendiar|verification|confidence-building|demilitar|neutron|radiolog",
    "hr": r"human right|right|self-determin|racis|racial|discriminat|torture|apartheid|women|child|refugee|minorit|genocide"
          r"|slavery|detention|disappear|execution|freedom|democra|religio|xenophob|nazi|mercenar|indigenous|persons"
          r"|humanitarian|prisoner|death penalty|moratorium|repression|persecut|intoleran|elections|detainee|people",
    "co": r"colon|self-governing|trust territor|trusteeship|independence|self-determination|namibia|south west africa|rhodesia"
          r"|zimbabwe|portug|angola|mozambique|guinea|western sahara|spanish sahara|new caledonia|gibraltar|falkland|malvinas"
          r"|puerto rico|guam|tokelau|samoa|virgin islands|bermuda|cayman|turks and caicos|montserrat|anguilla|pitcairn"
          r"|st\. helena|saint helena|mayotte|comoro|timor|papua|ifni|aden|oman|cyprus|liberation movement|non-self"
          r"|dependent|territor|mandate|apartheid|south africa|eritrea|togoland|cameroons|somaliland|ruanda|urundi"
          r"|tanganyika|algeria|morocco|tunisia|west irian|basutoland|bechuanaland|swaziland|fiji|cook islands|belize"
          r"|brunei|mauritius|seychelles|djibouti|decoloni",
    "ec": r"econom|development|trade|financ|debt|commodit|poverty|industr|agricult|food|environment|sustainab|technolog"
          r"|monetary|investment|coercive|embargo|sanction|budget|assistance|aid\b|resources|tariff|market|growth"
          r"|enterprise|capital|fund|unctad|unido|undp|energy|oil|transnational|corporation|income|employment|labou?r"
          r"|sea\b|ocean|climate|disaster|scien|commerc|export|import|price|cooperation|social|least developed"
          r"|developing countr|fiscal|tax|loan|bank|property|properties|revenue",
}

#: Terms that give a code to an unxml resolution (title or agenda item name; lower case).
DERIVE_TERMS = {
    "me": r"palestin|israel|golan|jerusalem|unrwa|near east|occupied syrian|situation in the middle east",
    "nu": r"nuclear|atomic|radioactiv|fissile|test-ban",
    "di": r"disarmament|\barms\b|armament|weapon|missile|anti-personnel mines|munitions|arms race",
    "hr": r"human rights|racism|racial discrimination|xenophob|nazism|torture|death penalty|right to |rights of"
          r"|self-determination|mercenar|genocide|indigenous peoples|discrimination against women|rights of the child",
    "co": r"colonial|non-self-governing|decoloni|trust territor",
    "ec": r"economic|development|trade\b|financial|debt|commodit|poverty|agricultur|food security|industrial|globali[sz]ation"
          r"|macroeconomic|embargo|coercive measures",
}
#: Codes that keep ``ec`` from being derived (the arms treaties' "development, production and stockpiling").
EC_BLOCKED_BY = ("nu", "di")


def check_issue_codes(roll_calls: pd.DataFrame, issues: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split unvotes' codes into those the text supports and those it does not.

    ``roll_calls`` has rcid, short and descr; ``issues`` has rcid and
    issue_code. Returns (kept, dropped); dropped carries the text it was
    checked against and the reason.
    """
    text = (roll_calls["short"].fillna("").astype(str) + " | " + roll_calls["descr"].fillna("").astype(str)).str.lower()
    texts = dict(zip(roll_calls["rcid"], text))
    codes = issues[["rcid", "issue_code"]].astype({"issue_code": str})
    supported = [bool(re.search(CHECK_TERMS[code], texts.get(rcid, ""))) for rcid, code in zip(codes["rcid"], codes["issue_code"])]
    keep = pd.Series(supported, index=codes.index)
    dropped = codes[~keep].assign(text=lambda d: d["rcid"].map(texts),
                                  reason=lambda d: d["issue_code"].map(lambda c: f"no term for '{ISSUES[c]}' in the title or description"))
    return codes[keep].reset_index(drop=True), dropped.reset_index(drop=True)


def derive_issue_codes(resolutions: pd.DataFrame) -> pd.DataFrame:
    """(rcid, issue_code) for resolutions whose title or agenda item matches a rule.

    ``resolutions`` has rcid, title and agenda_item_name.
    """
    rows = []
    for rcid, title, agenda in zip(resolutions["rcid"], resolutions["title"], resolutions["agenda_item_name"]):
        text = f"{title or ''} | {agenda or ''}".lower()
        found = {code for code, terms in DERIVE_TERMS.items() if re.search(terms, text)}
        if found & set(EC_BLOCKED_BY):
            found.discard("ec")
        rows += [(rcid, code) for code in sorted(found)]
    return pd.DataFrame(rows, columns=["rcid", "issue_code"]).astype({"rcid": "int64"})


def build_un_issues(con) -> None:
    """``out_un_issues`` (rcid, issue_code, issue, coded_by) and ``out_un_issues_dropped``."""
    roll_calls = con.sql("SELECT rcid, short, descr FROM core_unvotes__roll_calls").df()
    kept, dropped = check_issue_codes(roll_calls, con.sql("SELECT rcid, issue_code FROM core_unvotes__issues").df())
    new = con.sql(
        """SELECT r.rcid, x.title, x.agenda_item_name FROM out_un_roll_calls r
           JOIN core_unxml__resolutions x USING (symbol) WHERE r.source = 'unxml'"""
    ).df()
    derived = derive_issue_codes(new)
    issues = pd.concat([kept.assign(coded_by="unvotes"), derived.assign(coded_by="rule")], ignore_index=True)
    issues["issue"] = issues["issue_code"].map(ISSUES)
    for name, frame in (("out_un_issues", issues), ("out_un_issues_dropped", dropped)):
        con.register("_frame", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame ORDER BY rcid, issue_code")
        con.unregister("_frame")
