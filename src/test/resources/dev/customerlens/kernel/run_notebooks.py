"""Executes notebooks headless in their kernel with nbclient, failing on the first cell error.

    python3 run_notebooks.py RESULTS.jsonl WORKDIR NOTEBOOK...

Each notebook runs in a project of its own under WORKDIR (WORKDIR/NAME/notebooks, as Jupyter runs a
notebook in its folder), so the files it writes land there; the executed copy is saved beside it.
For each notebook one JSON line goes to RESULTS.jsonl: the outcome, the error if any, how many
outputs of each MIME type it produced, how many of its HTML outputs are tables, the files it wrote
(relative to its project) and the executed notebook's size in bytes. Run by NotebooksIT.
"""

import json
import pathlib
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient

# Guards against a hung kernel only; a cell here takes seconds.
CELL_WAIT = 600


def run(notebook, workdir):
    nb = nbformat.read(notebook, as_version=4)
    project = workdir / notebook.stem
    folder = project / "notebooks"
    folder.mkdir(parents=True)
    client = NotebookClient(nb, kernel_name=nb.metadata.kernelspec.name, timeout=CELL_WAIT,
                            allow_errors=False, resources={"metadata": {"path": str(folder)}})
    result = {"notebook": notebook.name, "outcome": "passed", "detail": ""}
    started = time.monotonic()
    try:
        client.execute()
    except Exception:
        result.update(outcome="failed", detail=traceback.format_exc())
    result["seconds"] = round(time.monotonic() - started, 1)
    nbformat.write(nb, folder / notebook.name)

    mime_types, html_tables = {}, 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in data:
                mime_types[mime] = mime_types.get(mime, 0) + 1
            if "<table" in data.get("text/html", ""):
                html_tables += 1
    result["mime_types"] = mime_types
    result["html_tables"] = html_tables
    result["files"] = sorted(str(path.relative_to(project)) for path in project.rglob("*")
                             if path.is_file() and path.name != notebook.name)
    result["bytes"] = (folder / notebook.name).stat().st_size
    return result


def main(results_path, workdir, notebooks):
    ok = True
    with open(results_path, "w") as out:
        for notebook in notebooks:
            result = run(pathlib.Path(notebook), pathlib.Path(workdir))
            print(f"{result['notebook']}: {result['outcome']} in {result['seconds']} s", file=sys.stderr)
            out.write(json.dumps(result) + "\n")
            out.flush()
            ok = ok and result["outcome"] == "passed"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
