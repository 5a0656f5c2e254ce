"""Infrastructure for writing outputs: files replaced atomically, alone or as a group
(:mod:`kg.io.atomic`), and writers run in a forked process meanwhile (:mod:`kg.io.forked`)."""
