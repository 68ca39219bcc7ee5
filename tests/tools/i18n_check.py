#!/usr/bin/env python3
"""The catalog's coverage (docs/i18n.md): fails, naming file and line, when

1. po/tsuikyaku.pot is not what the sources mark (scripts/update-po --check);
2. a message of the .pot has no translation, or a fuzzy one, in a po/<code>.po;
3. a translation uses other arguments than its English: {} and {0} the same set (fmt
   throws at run time on a missing one); {name}s among the English's and those a
   TRANSLATORS comment names;
4. a file listed in po/CONVERTED has a string literal that reads as English to a person and
   is not inside core::tr / tr_n / tr_c / trf / trf_n. A literal reads as English when it has two words of
   letters ("No message sent") or is one capitalised word ("Orders"). Not checked: single
   lowercase words (JSON keys, states, flag values: "sent", "campaign"), HTML markup,
   literals inside
   #include, static_assert, raw strings (CSS, SQL) and literals on a line that ends with
   `// i18n: <why>` (said to be data, a format or a file's contents).

  tests/tools/i18n_check.py SOURCE_DIR
"""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")


# --- 1. the .pot is current ----------------------------------------------------------------
check = subprocess.run([str(root / "scripts/update-po"), "--check"], cwd=root,
                       capture_output=True, text=True)
if check.returncode != 0:
    fail("po/tsuikyaku.pot", "out of date with the sources: run scripts/update-po\n" + check.stderr)


# --- 2, 3. every message translated, with the same arguments --------------------------------
def unquote(lines):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines))
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text)


def entries(path):
    text = path.read_text(encoding="utf-8")
    line = 1
    for block in text.split("\n\n"):
        start = line
        line += block.count("\n") + 2
        if block.lstrip().startswith("#~"):
            continue
        fields = {}
        for m in re.finditer(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ((?:".*"\n?)+)',
                             block, re.M):
            fields[m.group(1)] = unquote(m.group(2))
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        yield start + block[:block.find("msgid")].count("\n"), block, fields


def arguments(text, where):
    names = re.findall(r"\{([^{}:]*)(?::[^{}]*)?\}", text.replace("{{", "").replace("}}", ""))
    if any(n == "" for n in names) and any(n != "" for n in names):
        fail(where, f"mixes {{}} and numbered or named arguments: {text!r}")
    if names and all(n == "" for n in names):
        return {str(i) for i in range(len(names))}
    return set(names)


pot = {(f.get("msgctxt"), f["msgid"]) for _, _, f in entries(root / "po/tsuikyaku.pot")}
for po in sorted((root / "po").glob("*.po")):
    seen = set()
    for line, block, f in entries(po):
        where = f"{po.relative_to(root)}:{line}"
        seen.add((f.get("msgctxt"), f["msgid"]))
        translations = [v for k, v in f.items() if k.startswith("msgstr")]
        if "#, fuzzy" in block:
            fail(where, f"fuzzy translation of {f['msgid']!r}")
        if not translations or any(t == "" for t in translations):
            fail(where, f"no translation of {f['msgid']!r}")
            continue
        english = arguments(f["msgid"], where)
        if "msgid_plural" in f:
            english |= arguments(f["msgid_plural"], where)
        # Named arguments the code passes beyond the English's are listed in the comment.
        offered = english | set(re.findall(r"\{([a-z_]+)\}", "".join(
            l for l in block.split("\n") if l.startswith("#."))))
        for t in translations:
            used = arguments(t, where)
            positions = {x for x in english if x.isdigit()}
            if {x for x in used if x.isdigit()} != positions or not used - positions <= offered:
                fail(where, f"{t!r} does not use the arguments of {f['msgid']!r}")
    for ctx, msgid in sorted(pot - seen, key=lambda e: e[1]):
        fail(str(po.relative_to(root)), f"lacks {msgid!r}: run scripts/update-po")


# --- 4. no English outside the catalog in the converted files ------------------------------
def literals(source):
    """(line, text, the name of the call whose parentheses hold it) of each literal."""
    i, line, n = 0, 1, len(source)
    calls = []  # the identifier before each open parenthesis
    last_word = ""
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i) or (c == "#" and source[:i].rstrip(" ").endswith("\n")):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i)
            line += source[i:end].count("\n")
            i = end + 2
        elif c == "R" and i + 1 < n and source[i + 1] == '"':
            delim = source[i + 2:source.find("(", i)]
            end = source.find(")" + delim + '"', i)
            line += source[i:end].count("\n")
            i = end + len(delim) + 2
        elif c == "'":
            m = re.match(r"'(?:[^'\\]|\\.)*'", source[i:])
            i += len(m.group(0)) if m else 1
        elif c == '"':
            m = re.match(r'"(?:[^"\\\n]|\\.)*"', source[i:])
            yield line, m.group(0)[1:-1], calls[-1] if calls else ""
            i += len(m.group(0))
        elif c == "(":
            calls.append(last_word)
            i += 1
        elif c == ")":
            if calls:
                calls.pop()
            i += 1
        else:
            m = re.match(r"[A-Za-z_][A-Za-z_0-9]*", source[i:])
            if m:
                last_word = m.group(0)
                i += len(m.group(0))
            else:
                if not c.isspace() and c not in ":":
                    last_word = ""
                i += 1


def reads_as_english(text):
    text = re.sub(r"<[^>]*>?|^[^<]*>", " ", text)  # HTML markup is not words (its text is)
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}|--?[a-z][a-z-]*|`[^`]*`", "", text))
    if re.search(r"[A-Za-z]{2,}[,;:]? +[A-Za-z]{2,}", text) and len(words) >= 2:
        return True
    return bool(re.fullmatch(r"[A-Z][a-z]+", text))


listed = root / "po/CONVERTED"
for name in listed.read_text().split():
    path = root / name
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, text, call in literals(path.read_text(encoding="utf-8")):
        if call in ("tr", "tr_n", "tr_c", "trf", "trf_n", "static_assert"):
            continue
        if re.search(r"//\s*i18n:", lines[line - 1]):
            continue
        if reads_as_english(text):
            fail(f"{name}:{line}", f"English not in the catalog: \"{text}\" "
                 "(mark it core::tr(...), or end the line with // i18n: <why not>)")

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
