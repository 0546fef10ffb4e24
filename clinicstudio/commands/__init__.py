"""One module per command. Each defines ``register(subparsers)``; the parser it adds sets
``run=function(args) -> int`` through ``set_defaults``. :mod:`clinicstudio.cli` finds them."""
