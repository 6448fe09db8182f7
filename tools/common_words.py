"""Write docgen/data/common_words.txt.gz: the English words docgen treats as ordinary.

Made once, here, and shipped, from the Debian package wbritish
(/usr/share/dict/british-english, from SCOWL by Kevin Atkinson; its copyright file
allows use and redistribution): every entry written in lower case, so a common noun
("ward", "green", "hall") is in and a name that is only a name ("Edwards", "Martínez")
is not. Each is normalised as docgen.reading reads text; words of three letters or more.

    apt-get install wbritish && python tools/common_words.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docgen.reading import words  # noqa: E402

SOURCE = Path("/usr/share/dict/british-english")
TARGET = Path(__file__).resolve().parent.parent / "docgen" / "data" / "common_words.txt.gz"


def main() -> None:
    found: set[str] = set()
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if entry and entry == entry.lower() and "'" not in entry:
            found.update(word for word in words(entry) if len(word) >= 3)
    text = "\n".join(sorted(found)) + "\n"
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(found)} words written to {TARGET}")


if __name__ == "__main__":
    main()
