"""The bundled sample aggregator site and the ``make demo`` runner."""
