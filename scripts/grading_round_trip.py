"""Grade lessons with real nbgrader, end to end, the way the README tells an instructor to.

    python scripts/grading_round_trip.py                          # lessons 01, 05 and 10
    python scripts/grading_round_trip.py --lessons 03 05 --keep /tmp/course

Needs requirements-grading.txt. In a fresh course directory it copies the lesson notebooks to
source/, runs `nbgrader generate_assignment`, hands in four submissions, runs `nbgrader autograde`
and `nbgrader generate_feedback`, and checks:

- the release has the cells of the workbook (scripts/make_exercises.py), and the workbook given
  to nbgrader as its source releases the same cells;
- `nbgrader validate` on the untouched release names every exercise that is not done;
- "solutions" (the lesson's own code written into the release) gets full marks, "untouched" 0;
- "one-bug" (the solutions with one seeded bug per lesson) loses exactly that function's points,
  and the feedback names the mistake and says that the later checks ran with the course's
  version of the buggy function;
- "borrowed" (one function imported from dnn_helpers instead of written) loses that function's points;
- every picture in the feedback has alternative text.

It prints the score table and exits 1 if any check fails.
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_exercises import make_exercise_notebook  # noqa: E402

ASSIGNMENT = "lessons"

# lesson -> (function, the line as written, the seeded bug, words the feedback must show)
BUGS = {
    "01": ("initialize_parameters", '"he": lambda n_in: np.sqrt(2.0 / n_in)', '"he": lambda n_in: 2.0 / n_in',
           "the scale is the variance 2 / n, not the standard deviation"),
    "02": ("relu", "return np.maximum(Z, 0)", "return np.abs(Z)", "np.abs(Z) turns negative inputs positive"),
    "03": ("linear_forward", "Z = W @ A_prev + b", "Z = W.T @ A_prev + b", "W is transposed"),
    "04": ("compute_cost", "+ (1 - Y) * np.log(1 - A)", "", "the cost is missing the term (1 - Y) log(1 - AL)"),
    "05": ("linear_backward", "m = A_prev.shape[1]", "m = A_prev.shape[0]",
           "the number of examples is taken from the wrong axis"),
    "06": ("update_parameters", "value - learning_rate * grads", "value - grads",
           "the step is missing the learning rate"),
    "09": ("layer_statistics", "np.sqrt(np.mean(grads[f\"dW{l}\"] ** 2))", "np.linalg.norm(grads[f\"dW{l}\"])",
           "gradient_norm is the plain norm of dW[l]"),
    "10": ("dropout_forward", "A_dropped = A * mask / keep_prob", "A_dropped = A * mask",
           "the kept units are not divided by keep_prob"),
    "11": ("update_parameters_with_rmsprop", "(np.sqrt(new_s[key]) + epsilon)", "np.sqrt(new_s[key] + epsilon)",
           "epsilon goes outside the square root"),
    "12": ("softmax", "A = exp_Z / exp_Z.sum(axis=0, keepdims=True)", "A = exp_Z",
           "the exponentials are never normalised"),
    "13": ("relative_difference", "np.linalg.norm(analytic) + np.linalg.norm(estimate)",
           "np.linalg.norm(analytic + estimate)", "the difference is divided by ||g + g_num||"),
}
BORROWED = "from dnn_helpers import {name}  # taken from the package, not written"


def text(value):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


class RoundTrip:
    def __init__(self, course, lessons):
        self.course, self.lessons, self.failures = course, lessons, []
        self.paths = [next((ROOT / "notebooks").glob(f"{lesson}_*.ipynb")) for lesson in lessons]
        bin_directory = str(Path(sys.executable).parent)
        # nbgrader runs `alembic` from PATH, and its kernel must be this environment's Python
        self.environment = {**os.environ, "PATH": bin_directory + os.pathsep + os.environ.get("PATH", "")}
        self.nbgrader = [str(Path(bin_directory) / "nbgrader")]

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)
            print(f"FAILED: {message}")

    def run(self, *arguments, check=True):
        result = subprocess.run(self.nbgrader + list(arguments), cwd=self.course, env=self.environment,
                                capture_output=True, text=True)
        if check and result.returncode != 0:
            raise SystemExit(f"nbgrader {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout + result.stderr

    def release_from(self, folder_name, sources):
        """generate_assignment from ``sources`` (path -> notebook) in a course folder of its own; the release."""
        course = self.course / folder_name
        (course / "source" / ASSIGNMENT).mkdir(parents=True)
        for path, notebook in sources.items():
            nbformat.write(notebook, course / "source" / ASSIGNMENT / path.name)
        subprocess.run(self.nbgrader + ["generate_assignment", ASSIGNMENT],
                       cwd=course, env=self.environment, capture_output=True, text=True, check=True)
        return {path: nbformat.read(course / "release" / ASSIGNMENT / path.name, as_version=4) for path in sources}

    def submit(self, student, notebooks):
        folder = self.course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for path, notebook in notebooks.items():
            nbformat.write(notebook, folder / path.name)

    def main(self):
        started = time.perf_counter()
        sources = {path: nbformat.read(path, as_version=4) for path in self.paths}
        (self.course / "source" / ASSIGNMENT).mkdir(parents=True)
        for path in self.paths:
            shutil.copy(path, self.course / "source" / ASSIGNMENT / path.name)
        self.run("generate_assignment", ASSIGNMENT)
        release = {path: nbformat.read(self.course / "release" / ASSIGNMENT / path.name, as_version=4)
                   for path in self.paths}

        # one generator: the release has the workbook's cells, and so has a release made from the workbook
        workbooks = {path: make_exercise_notebook(notebook) for path, notebook in sources.items()}
        from_workbook = self.release_from("from_workbook", workbooks)
        for path in self.paths:
            cells = [(cell.cell_type, cell.source) for cell in release[path].cells]
            self.expect(cells == [(cell.cell_type, cell.source) for cell in workbooks[path].cells],
                        f"{path.name}: the release and the workbook (make_exercises) differ")
            self.expect(cells == [(cell.cell_type, cell.source) for cell in from_workbook[path].cells],
                        f"{path.name}: nbgrader given the workbook as source releases other cells")

        # validate: the untouched release says which exercises are not done
        said = " ".join(self.run("validate", *[str(self.course / "release" / ASSIGNMENT / path.name)
                                               for path in self.paths], check=False).split())
        for path in self.paths:
            for name in exercises_of(sources[path]):
                self.expect(f"{name}: not done yet" in said,
                            f"validate on the untouched {path.name} does not say that {name} is not done")
        self.expect("Success!" not in said, "validate calls an untouched release a success")

        solutions = {path: with_solutions(release[path], sources[path]) for path in self.paths}
        bugs = {}
        one_bug = {}
        for path in self.paths:
            lesson = path.name[:2]
            if lesson in BUGS:
                name, right, wrong, words = BUGS[lesson]
                one_bug[path] = with_bug(solutions[path], name, right, wrong)
                bugs[path] = (name, words)
            else:
                one_bug[path] = solutions[path]
        borrowed_path = self.paths[len(self.paths) // 2]
        borrowed_name = next(cell.metadata.nbgrader.grade_id for cell in sources[borrowed_path].cells
                             if cell.metadata.get("nbgrader", {}).get("solution"))
        borrowed = {borrowed_path: with_source(solutions[borrowed_path], borrowed_name,
                                               BORROWED.format(name=borrowed_name))}
        self.submit("solutions", solutions)
        self.submit("untouched", release)
        self.submit("one-bug", one_bug)
        self.submit("borrowed", borrowed)
        self.run("autograde", ASSIGNMENT)
        feedback_log = self.run("generate_feedback", ASSIGNMENT)
        self.expect("Alternative text is missing" not in feedback_log,
                    "generate_feedback warns that images lack alternative text")
        scores = self.scores()
        self.print_table(scores)

        for path in self.paths:
            notebook = path.stem
            maximum = scores["solutions"][notebook][1]
            self.expect(maximum == len(exercises_of(sources[path])), f"{path.name}: max score {maximum}")
            self.expect(scores["solutions"][notebook][0] == maximum, f"{path.name}: the solutions lose points")
            self.expect(scores["untouched"][notebook][0] == 0, f"{path.name}: the untouched release scores")
            feedback = text((self.course / "feedback" / "one-bug" / ASSIGNMENT / f"{notebook}.html").read_text())
            if path in bugs:
                name, words = bugs[path]
                self.expect(scores["one-bug"][notebook][0] == maximum - 1,
                            f"{path.name}: one bug in {name} costs {maximum - scores['one-bug'][notebook][0]} points")
                if words:
                    self.expect(words in feedback, f"{path.name}: the feedback does not say {words!r}")
                later = [other for other in exercises_of(sources[path]) if other != name]
                uses = [other for other in later if f"with the course's {name}" in feedback]
                print(f"{path.name}: bug in {name}; feedback names it; checks run with the course's {name}: "
                      f"{', '.join(uses) or 'none (no later exercise calls it)'}")
            for student in ("solutions", "untouched", "one-bug"):
                page = (self.course / "feedback" / student / ASSIGNMENT / f"{notebook}.html").read_text()
                self.expect("No description has been provided for this image" not in page,
                            f"{student}/{notebook}: an image without alternative text in the feedback")
        borrowed_feedback = text((self.course / "feedback" / "borrowed" / ASSIGNMENT /
                                  f"{borrowed_path.stem}.html").read_text())
        self.expect(scores["borrowed"][borrowed_path.stem][0] == scores["solutions"][borrowed_path.stem][1] - 1,
                    f"{borrowed_path.name}: an imported {borrowed_name} keeps its points")
        self.expect("imported rather than written in this notebook" in borrowed_feedback,
                    f"{borrowed_path.name}: the feedback does not say that {borrowed_name} was imported")
        print(f"round trip: {time.perf_counter() - started:.0f} s, "
              f"{'all checks passed' if not self.failures else f'{len(self.failures)} failures'}")
        return 1 if self.failures else 0

    def scores(self):
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gradebook:
            table = {}
            for student in ("solutions", "untouched", "one-bug", "borrowed"):
                submission = gradebook.find_submission(ASSIGNMENT, student)
                table[student] = {notebook.name: (notebook.score, notebook.max_score)
                                  for notebook in submission.notebooks}
        return table

    def print_table(self, scores):
        students = list(scores)
        print("\n| notebook | " + " | ".join(students) + " |")
        print("|---|" + "---|" * len(students))
        for path in self.paths:
            row = [f"{scores[student][path.stem][0]:g} / {scores[student][path.stem][1]:g}"
                   if path.stem in scores[student] else "-" for student in students]
            print(f"| {path.stem} | " + " | ".join(row) + " |")
        totals = [f"{sum(s for s, _ in scores[student].values()):g} / "
                  f"{sum(m for _, m in scores['solutions'].values()):g}" for student in students]
        print("| total | " + " | ".join(totals) + " |\n")


def exercises_of(notebook):
    return [cell.metadata.nbgrader.grade_id for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("solution")]


def with_solutions(release, source):
    """The release with each solution cell written as the lesson notebook has it: a learner who did it all."""
    solved = nbformat.from_dict(release)
    written = {cell.metadata.nbgrader.grade_id: cell.source for cell in source.cells
               if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in solved.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "\n".join(line for line in written[grade_id].split("\n")
                                    if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    return solved


def with_source(notebook, grade_id, source):
    changed = nbformat.from_dict(notebook)
    (cell,) = [cell for cell in changed.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    cell.source = source
    return changed


def with_bug(notebook, grade_id, right, wrong):
    (cell,) = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    if right not in cell.source:
        raise SystemExit(f"{grade_id}: the line to break, {right!r}, is not in its solution any more")
    return with_source(notebook, grade_id, cell.source.replace(right, wrong, 1))


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", nargs="+", default=["01", "05", "10"])
    parser.add_argument("--keep", type=Path, help="build the course here (must not exist) and keep it")
    options = parser.parse_args(arguments)
    if options.keep:
        options.keep.mkdir(parents=True)
        return RoundTrip(options.keep.resolve(), options.lessons).main()
    with tempfile.TemporaryDirectory() as folder:
        return RoundTrip(Path(folder), options.lessons).main()


if __name__ == "__main__":
    sys.exit(main())
