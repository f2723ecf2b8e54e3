"""Fill the Chinese translation (``resources/i18n/*.ts``) without Qt Linguist.

Usage::

    python installers/translate.py missing            # refresh the .ts from the code, list untranslated
                                                      #   messages as TSV: context <TAB> source
    python installers/translate.py fill FILE.tsv      # context <TAB> source <TAB> translation per line
    python installers/translate.py merge OTHER.ts …   # take translations of identical messages from
                                                      #   other .ts files (e.g. another branch's)

``\\n`` and ``\\t`` in a TSV field stand for a newline and a tab. ``fill`` and ``merge`` refresh the
``.ts`` from the code first (lupdate) and rebuild the ``.qm`` afterwards.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_assets

TS = build_assets.I18N_DIR / "cuijiao_zh_CN.ts"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unesc(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _messages(tree: ET.ElementTree):
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            yield name, msg


def _known(paths: list[Path]) -> dict[tuple[str, str], str]:
    known: dict[tuple[str, str], str] = {}
    for path in paths:
        for ctx, msg in _messages(ET.parse(path)):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") is None and tr.text:
                known[(ctx, msg.findtext("source") or "")] = tr.text
    return known


def _apply(known: dict[tuple[str, str], str]) -> int:
    tree = ET.parse(TS)
    n = 0
    for ctx, msg in _messages(tree):
        key = (ctx, msg.findtext("source") or "")
        tr = msg.find("translation")
        if key in known and tr is not None and (tr.get("type") == "unfinished" or not tr.text):
            tr.text = known[key]
            tr.attrib.pop("type", None)
            n += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return n


def _refresh() -> None:
    build_assets.lupdate()


def _rebuild() -> None:
    build_assets.lupdate()  # back to lupdate's own formatting
    build_assets.main([])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("missing")
    fill = sub.add_parser("fill")
    fill.add_argument("tsv", type=Path)
    merge = sub.add_parser("merge")
    merge.add_argument("others", type=Path, nargs="+")
    args = parser.parse_args(argv)

    _refresh()
    if args.cmd == "missing":
        for ctx, msg in _messages(ET.parse(TS)):
            tr = msg.find("translation")
            if tr is None or tr.get("type") == "unfinished" or not tr.text:
                print(f"{ctx}\t{_esc(msg.findtext('source') or '')}")
        return 0
    if args.cmd == "fill":
        known = {}
        for line in args.tsv.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"need 3 tab-separated fields: {line!r}")
            known[(parts[0], _unesc(parts[1]))] = _unesc(parts[2])
        n = _apply(known)
    else:
        n = _apply(_known(args.others))
    _rebuild()
    print(f"translated {n} messages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
