"""Write docgen/data/common_words.txt.gz: the English words docgen treats as ordinary.

Made once, here, and shipped, from the Debian packages wbritish and wamerican
(/usr/share/dict/british-english and american-english, from SCOWL by Kevin Atkinson;
their copyright files allow use and redistribution): every entry written in lower case,
so a common noun ("ward", "green", "hall") is in and a name that is only a name
("Edwards", "Martínez") is not. To them are added the capitalised words that are no
one's name and stand in any council paper: months and days, honorifics, company
suffixes, the nations, London, and the public bodies' usual initials. Each is
normalised as docgen.reading reads text; words of three letters or more.

    apt-get install wbritish wamerican && python tools/common_words.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docgen.reading import words

SOURCES = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english"))
ORDINARY_NAMES = """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
cllr councillor mrs prof revd hon esq cbe obe mbe ltd plc llp cic
england english britain british wales welsh scotland scottish ireland irish northern
europe european london londoner whitehall westminster
nhs lga dclg mhclg dluhc dfe dwp hmrc ofsted cqc ons gla tfl celc
"""
TARGET = Path(__file__).resolve().parent.parent / "docgen" / "data" / "common_words.txt.gz"


def main() -> None:
    found = set(ORDINARY_NAMES.split())
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").splitlines():
            entry = line.strip()
            if entry and entry == entry.lower() and "'" not in entry:
                found.update(word for word in words(entry) if len(word) >= 3)
    text = "\n".join(sorted(found)) + "\n"
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(found)} words written to {TARGET}")


if __name__ == "__main__":
    main()
