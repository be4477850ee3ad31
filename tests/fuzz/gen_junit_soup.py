#!/usr/bin/python3
"""Writes N random JUnit-like XML documents for the differential fuzzer's seeds.

Documents are built from the tokens where a hand-written XML tokenizer and
expat could disagree (references, CDATA, comments, PIs, declarations, line
ends, non-ASCII names, control characters, cut input), so libFuzzer starts
from inputs that reach those rules. With "clean", only well-formed pieces are
used, so most documents are accepted and their cases compared one by one.

Usage: gen_junit_soup.py SEED OUTPUT_DIR [clean]
"""
import random, os, sys
random.seed(int(sys.argv[1]))
clean = len(sys.argv) > 3
out = sys.argv[2]
names = ["testsuite", "testsuites", "testcase", "failure", "error", "skipped", "system-out", "a", "b:c", ":x", "_y", "n-1", "n.2", "\u00e9t\u00e9", "\u00d7", "a\u00b7b", "\u0300x", "x\u0300", "1a", "-a", "xml", "XML", "xm", "\u4e2d", "\U00010000a", "a\U000E0000"]
attrs = ["name", "classname", "time", "message", "type", "status", "result", "file", "line", "timestamp", "x", "é", "a:b", "1"]
vals = ["t", "1.5", "-2", "2,5", "", " 3 ", "&amp;", "&lt;&gt;", "&#10;", "&#13;", "&#x41;", "&#X41;", "&#0;", "&#xD800;", "&#x10FFFF;", "&#1114112;", "&nbsp;", "&", "<", ">", "]]>", "\t", "\n", "\r\n", "\r", "\x01", "\x7f", "\u00e9", "\ufffe", "\uffff", "'", '"', "failed", "skipped", "suppressed", "2024-01-03T12:27:11Z", "12"]
texts = ["", " ", "\n", "\r\n", "\r", "x", "&amp;", "&#13;", "&#x20;", "&lt;", "]]>", "]]", "]", "&bad;", "& ", "\x00", "\x0b", "\u00e9", "\ufffe", "\U0001F600", "\udcff", "line1\nline2", "  msg  \r\n more"]
def enc(s):
    try: return s.encode("utf-8")
    except UnicodeEncodeError: return s.encode("utf-8", "surrogatepass")
if clean:
    names = ["testsuite", "testcase", "failure", "error", "skipped", "system-out", "a", "b:c", "\u00e9t\u00e9", "a\u00b7b", "\u4e2d", "properties"]
    attrs = ["name", "classname", "message", "type", "status", "result", "file", "line", "x", "\u00e9"]
    vals = ["t", "", " 3 ", "&amp;", "&lt;&gt;", "&#10;", "&#13;", "&#x41;", "&#x10FFFF;", ">", "]]>", "\t", "\n", "\r\n", "\r", "\x7f", "\u00e9", "'", '"', "failed", "skipped", "suppressed", "2024-01-03T12:27:11Z", "12", "\U0001F600"]
    texts = ["", " ", "\n", "\r\n", "\r", "x", "&amp;", "&#13;", "&#x20;", "&lt;", "]]", "]", "\u00e9", "\U0001F600", "line1\nline2", "  msg  \r\n more", "\r\r\n\n"]
def rnd_val():
    return "".join(random.choice(vals) for _ in range(random.randint(0, 3)))
def elem(depth):
    n = random.choice(names)
    q = random.choice(['"', "'"])
    parts = []
    for _ in range(random.randint(0, 4)):
        a = random.choice(attrs)
        v = rnd_val().replace(q, "" if clean or random.random() < 0.9 else q)
        if clean and a in [p.split("=")[0].strip() for p in parts]: continue
        sp = random.choice([" ", "  ", "\n", "\t", "\r\n"] + ([] if clean else [""]) if random.random() < 0.1 else [" "])
        eq = random.choice(["=", " = ", "=\n"] if random.random() < 0.1 else ["="])
        parts.append(sp + a + eq + q + v + q)
    start = "<" + n + "".join(parts)
    r = random.random()
    if r < 0.3 or depth > 4:
        return start + random.choice(["/>", " />", "/ >"] if random.random() < 0.05 else ["/>"])
    body = "".join(content(depth + 1) for _ in range(random.randint(0, 4)))
    end_name = n if clean or random.random() < 0.97 else random.choice(names)
    return start + ">" + body + "</" + end_name + random.choice(["", " ", "\n"]) + ">"
def misc():
    if clean: return random.choice(["<!-- c -->", "<!---->", "<!-- - -->", "<?pi x?>", "<?pi?>", " ", "\n", "\r\n", "\r"])
    return random.choice(["<!-- c -->", "<!---->", "<!-- - -->", "<!-- -- -->", "<!-- a --->", "<?pi x?>", "<?pi?>", "<?xml version='1.0'?>", "<?XmL a?>", "<?pi\u00e9 x?>", "<?a?b?>", "<!DOCTYPE t>", "<![CDATA[x]]>", " ", "\n", "\r\n"])
def content(depth):
    r = random.random()
    if r < 0.45: return elem(depth)
    if r < 0.7: return random.choice(texts)
    if r < 0.85: return "<![CDATA[" + "".join(random.choice(texts + ["<", "&", "]]"]) for _ in range(2)) + random.choice(["]]>", "]]>", "]>"])
    return misc()
def doc():
    s = ""
    if random.random() < 0.2: s += "\ufeff"
    if random.random() < 0.5:
        s += random.choice(['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>"] if clean else ['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" encoding="utf-8" standalone="yes" ?>', '<?xml version="1.1"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>', '<?xml  version="1.0"?>', '<?xml version="1.0"encoding="UTF-8"?>', '<?xml?>', '<?xml-stylesheet x?>'])
    s += "".join(misc() for _ in range(random.randint(0, 2)))
    s += "<" + random.choice(["testsuites", "testsuite"]) + ">" + "".join(content(1) for _ in range(random.randint(0, 6))) + "</" + random.choice(["testsuites", "testsuite"]) + ">"
    s += "".join(misc() for _ in range(random.randint(0, 2)))
    return s
for i in range(2000):
    d = enc(doc())
    if not clean and random.random() < 0.1 and len(d) > 2:
        cut = random.randint(1, len(d) - 1); d = d[:cut]
    open(os.path.join(out, "g%05d.xml" % i), "wb").write(d)
