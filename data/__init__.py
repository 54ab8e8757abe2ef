"""The course's data files, shipped inside the package as ``dnn_helpers.course_data``.

This folder is the repository's ``data/``; pyproject.toml maps it into the package, so that an
installed wheel carries the files too. Each file's source, licence, checksum and the script that
made it are in README.md beside it. ``dnn_helpers.data`` loads them.
"""
