"""One module per CLI sub-command: ``register(subparsers)`` adds its parser, ``run(args)``
does the work. Heavy imports belong inside ``run`` (``factcheck --help`` must stay fast)."""
