#!/usr/bin/env python3
"""Counts passed and failed tests from TRX (dotnet test) and JUnit (vitest) files; prints 'N passed, N failed'."""
import pathlib
import sys
import xml.etree.ElementTree as ET

passed = skipped = 0
# Steps that failed before producing results (a build, a test runner that did not start) count as failures.
failed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
root = pathlib.Path(sys.argv[1])
for trx in root.rglob("*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    if counters is None:
        failed += 1
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # VSTest writes skipped tests as total - executed and may leave notExecuted at 0.
    skipped += max(int(counters.get("notExecuted", 0)), int(counters.get("total", 0)) - int(counters.get("executed", 0)))
for junit in root.rglob("*.junit.xml"):
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1

line = f"{passed} passed, {failed} failed"
print(line + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
