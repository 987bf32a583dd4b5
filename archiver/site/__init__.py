"""A browsable, searchable static site of the archive, built by Hugo and Pagefind.

``hugo/`` is the Hugo project (config and the ``archiver`` theme), shipped as package
data; ``build.py`` runs Hugo and Pagefind over it with the archive mounted in.
"""
