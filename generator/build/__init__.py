"""Running a build: the pipeline, the page cache, the link checker, and the only writer of the output folder."""
