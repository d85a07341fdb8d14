"""Sources the calculators cite (the red flags live in ``_safety.py``): key to short label.

Generated from the site's references page (``docs/references.md``) by ``sitebuild.references``
(``python -m sitebuild sources``; ``mkdocs serve`` does it on save, other builds stop while it is stale): edit the page,
not this file. Each key is an anchor on that page, where the full reference lives.
"""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "almonroeder-2013": "Almonroeder et al. 2013",
    "anderson-2020": "Anderson et al. 2020",
    "bohm-2015": "Bohm et al. 2015",
    "bosquet-2007": "Bosquet et al. 2007",
    "bramah-2019": "Bramah et al. 2019",
    "buerba-2019": "Buerba et al. 2019",
    "buist-2008": "Buist et al. 2008",
    "burns-2019": "Burns et al. 2019",
    "cheung-2003": "Cheung et al. 2003",
    "damsted-2019": "Damsted et al. 2019",
    "doyle-2022": "Doyle et al. 2022",
    "esculier-2018": "Esculier et al. 2018",
    "frandsen-2025": "Frandsen et al. 2025",
    "fuller-2017": "Fuller et al. 2017 (Am J Sports Med)",
    "fuller-2017b": "Fuller et al. 2017 (J Sci Med Sport)",
    "fuller-2019": "Fuller et al. 2019",
    "green-2017": "Green & Pizzari 2017",
    "green-2022": "Green et al. 2022",
    "hatala-2013": "Hatala et al. 2013",
    "heiderscheit-2011": "Heiderscheit et al. 2011",
    "impellizzeri-2020": "Impellizzeri et al. 2020",
    "koc-2023": "Koc et al. 2023",
    "lagas-2020": "Lagas et al. 2020",
    "larson-2011": "Larson et al. 2011",
    "lieberman-2010": "Lieberman et al. 2010",
    "lieberman-2015": "Lieberman et al. 2015",
    "lipman-2017": "Lipman et al. 2017",
    "lunsford-1995": "Lunsford & Perry 1995",
    "lyght-2016": "Lyght et al. 2016",
    "malisoux-2016": "Malisoux et al. 2016",
    "martin-2018": "Martin et al. 2018",
    "mersmann-2017": "Mersmann et al. 2017",
    "nielsen-2014": "Nielsen et al. 2014",
    "nishiguchi-2025": "Nishiguchi et al. 2025",
    "ridge-2013": "Ridge et al. 2013",
    "ryan-2014": "Ryan et al. 2014",
    "silbernagel-2007": "Silbernagel et al. 2007",
    "silbernagel-2015": "Silbernagel & Crossley 2015",
    "theiss-2011": "Theiss et al. 2011",
    "vannatta-2015": "Vannatta & Kernozek 2015",
    "wang-2022": "Wang et al. 2022",
    "warden-2014": "Warden et al. 2014",
    "warne-2017": "Warne & Gruber 2017",
    "wille-2014": "Wille et al. 2014",
    "xu-2021": "Xu et al. 2021",
    "zaleski-2017": "Zaleski et al. 2017",
}
"""Reference key to the short citation shown in results."""
