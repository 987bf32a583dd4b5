"""CPU work off the reactor: the worker-process pool and the jobs it runs."""
