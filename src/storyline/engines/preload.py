"""Imported once by the process local workers fork from: the stages and the default spaCy pipeline loaded there are
shared by every worker (copy-on-write) instead of loaded by each."""

try:
    import storyline.pipeline  # noqa: F401 - the modules a worker runs
    from storyline import nlp, stages
    from storyline.settings import DEFAULT

    for name in DEFAULT.stages:
        stages.get(name)  # the stages' modules and their tables
    nlp.load(DEFAULT.spacy_model)
except Exception:  # noqa: BLE001 - a worker that cannot share the model loads its own (and reports what fails)
    pass
