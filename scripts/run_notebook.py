#!/usr/bin/python3
"""Headless notebook runner for taosim (Debian's /usr/bin/python3, no pip deps).

Executes each given .ipynb with the tslab kernel (cwd = the notebook's folder), with
<repo>/node_modules/.bin prepended to PATH so the kernelspec's bare `tslab` resolves.
On the first failing cell it prints the notebook, the cell source and the cell's
stderr/error text, and exits 1. `--inplace` writes the executed outputs back.

usage: /usr/bin/python3 scripts/run_notebook.py [--inplace] notebooks/*.ipynb
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def error_text(cell):
    """Collect stderr streams and error outputs of a cell (tslab reports errors on stderr)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
            parts.extend(out.get("traceback", []))
    return "\n".join(p for p in parts if p.strip()) or "(no error text)"


def run(path, inplace):
    nb = nbformat.read(path, as_version=4)
    started = []  # cells in execution order; the last one is the failing cell on error
    client = NotebookClient(nb, kernel_name="tslab", timeout=600,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                            on_cell_start=lambda cell, **_: started.append(cell))
    t0 = time.time()
    try:
        client.execute()
    except Exception as exc:  # cell error, timeout, dead or unstartable kernel
        cell = started[-1] if started else None
        src = cell.source if cell is not None else "(unknown cell)"
        text = error_text(cell) if cell is not None else ""
        if not isinstance(exc, CellExecutionError):  # the cell outputs don't explain it
            text = f"{type(exc).__name__}: {exc}\n{text}"
        print(f"FAILED {path}\n--- cell ---\n{src}\n--- error ---\n{text}", file=sys.stderr)
        return False
    if inplace:
        nbformat.write(nb, path)
    print(f"ok {path} ({time.time() - t0:.1f}s){' [saved]' if inplace else ''}")
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inplace", action="store_true", help="save executed outputs back")
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args()
    os.environ["PATH"] = os.path.join(REPO, "node_modules", ".bin") + os.pathsep + os.environ.get("PATH", "")
    for nb in args.notebooks:
        if not run(nb, args.inplace):
            sys.exit(1)


if __name__ == "__main__":
    main()
