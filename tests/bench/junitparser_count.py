#!/usr/bin/python3
"""Counts the test cases and failures of a JUnit XML file with junitparser.

A reference point for timing and checking changegate's streaming reader on the
same file (e.g. one written by gen_junit.sh). junitparser builds the whole tree
in memory, so expect its peak RSS to be several times the file size.

Needs Debian's python3-junitparser: /usr/bin/python3 junitparser_count.py FILE.xml
"""

import resource
import sys
import time

from junitparser import Error, Failure, JUnitXml, Skipped, TestSuite


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} FILE.xml", file=sys.stderr)
        return 2
    start = time.monotonic()
    report = JUnitXml.fromfile(argv[1])
    # A <testsuite> root comes back as a TestSuite, which iterates its cases;
    # a <testsuites> root iterates its suites. Nested suites are flattened by
    # junitparser's TestSuite iterator.
    suites = [report] if isinstance(report, TestSuite) else list(report)
    cases = failures = errors = skipped = 0
    for suite in suites:
        for case in suite:
            cases += 1
            kinds = {type(result) for result in case.result}
            if Failure in kinds:
                failures += 1
            elif Error in kinds:
                errors += 1
            elif Skipped in kinds:
                skipped += 1
    elapsed = time.monotonic() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cases={cases} failures={failures} errors={errors} skipped={skipped}")
    print(f"time={elapsed:.2f} s peak_rss={peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
