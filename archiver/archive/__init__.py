"""The archive on disk: layout and paths, post rendering and reading, state, atomic writes, lock, JSON Feed."""
