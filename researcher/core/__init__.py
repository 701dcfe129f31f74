"""Qt-free core: store, research, evidence, openers, compliance."""
