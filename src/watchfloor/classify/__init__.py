"""Labels: the taxonomy, transparent multilingual rules, trained models, and their training and
evaluation. ``labeller.Labeller`` is the entry point; ``docs/labels.md`` explains the labels."""
