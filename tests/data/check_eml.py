"""Checks a rendered message the way a mail client reads it (SPEC §7).

Usage: /usr/bin/python3 check_eml.py CASE.json ...
Each CASE.json holds {"eml": path, "subject", "name", "address", "html_must", "html_must_not",
"text_must"}, and optionally "headers_only": the only header fields the message may have
(none injected by a value); without "subject" the subject is not compared. Prints one
line per problem and exits 1 when there is any.
"""
import email
import email.header
import email.policy
import email.utils
import json
import sys

problems = []


def check(case):
    raw = open(case["eml"], "rb").read()
    where = case["eml"]
    lines = raw.split(b"\r\n")
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append(f"{where}: a line ends in a bare LF or CR")
    for number, line in enumerate(lines, 1):
        if len(line) > 998:
            problems.append(f"{where}:{number}: line of {len(line)} octets")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        for defect in part.defects:
            problems.append(f"{where}: defect {type(defect).__name__}: {defect}")
    for name in ("Subject", "To", "From", "Date", "Message-ID"):
        header = message[name]
        if header is None:
            problems.append(f"{where}: no {name} header")
            continue
        for defect in header.defects:
            problems.append(f"{where}: {name} defect {type(defect).__name__}")
    for name in message.keys():
        if "headers_only" in case and name not in case["headers_only"]:
            problems.append(f"{where}: a header field {name!r} that is none of ours")
    if "subject" in case and str(message["Subject"]) != case["subject"]:
        problems.append(f"{where}: subject decodes to {str(message['Subject'])!r}")
    addresses = message["To"].addresses
    if len(addresses) != 1:
        problems.append(f"{where}: To has {len(addresses)} addresses")
    else:
        if addresses[0].addr_spec != case["address"]:
            problems.append(f"{where}: address is {addresses[0].addr_spec!r}")
        # policy.default keeps the white space between adjacent encoded words of a phrase,
        # which RFC 2047 section 6.2 says to ignore (and mail clients do); so its display
        # name is compared without white space, and the exact text is decoded the RFC 2047
        # way with email.header from the raw field.
        modern = addresses[0].display_name
        if "".join(modern.split()) != "".join(case["name"].split()):
            problems.append(f"{where}: display name decodes to {modern!r}")
        raw_to = email.message_from_bytes(raw, policy=email.policy.compat32)["To"]
        phrase, _ = email.utils.parseaddr(raw_to)
        exact = str(email.header.make_header(email.header.decode_header(phrase)))
        if exact != case["name"]:
            problems.append(f"{where}: display name decodes to {exact!r} (RFC 2047)")
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    for fragment in case["html_must"]:
        if fragment not in html:
            problems.append(f"{where}: HTML lacks {fragment!r}")
    for fragment in case["html_must_not"]:
        if fragment in html:
            problems.append(f"{where}: HTML holds {fragment!r}")
    for fragment in case["text_must"]:
        if fragment not in text:
            problems.append(f"{where}: text lacks {fragment!r}")


for path in sys.argv[1:]:
    check(json.load(open(path, encoding="utf-8")))
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
