"""Facts about states that several layers need, declared once.

The COW state numbers of the states the China-specific sources and
sentences (China Vitae, the AidData/CARI loans, the outlook) are about; read
from here rather than typed again in each module.
"""

#: China's COW state number (the People's Republic, and the Qing and
#: Republic before it: COW keeps one number for China from 1860).
CHINA = 710
