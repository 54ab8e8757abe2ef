# make lab        set up (once) and open the course in JupyterLab
# make test       set up (once) and run every test: unit tests and every notebook, cell by cell
# make notebooks  re-execute the notebooks to refresh their stored outputs
# make exercises  write the exercise version of every lesson into exercises/

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup lab test notebooks exercises clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	touch $(STAMP)

# Jupyter refuses to run as root unless told to (containers, CI machines)
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_welcome.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py

exercises: $(STAMP)
	$(BIN)/python scripts/make_exercises.py

clean:
	rm -rf $(VENV)
