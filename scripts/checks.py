"""What the consumer checks share: counting checks, stopping at the first
failure, and running the spanmark binary."""

import subprocess
import sys

passed = 0


def check(cond, message):
    """Count a passed check; on a failure, say which and exit 1."""
    global passed
    if not cond:
        print(f"FAIL: {message}", file=sys.stderr)
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1


def export(binary, project, fmt, out):
    """`spanmark export PROJECT -f FMT -o OUT`, which must succeed."""
    args = [str(binary), "export", str(project), "-f", fmt, "-o", str(out)]
    r = subprocess.run(args, capture_output=True, text=True)
    check(r.returncode == 0, f"{' '.join(args)}: {r.stdout}{r.stderr}")
    return r


def summary(prefix=""):
    """The last line every check script prints."""
    print(f"{prefix}{passed} passed, 0 failed")
