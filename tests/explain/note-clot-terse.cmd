# covers: findings from a free-text note: note line, element path, byte span and quoted words
explain tests/explain/records/note-clot.xml possible-dvt
