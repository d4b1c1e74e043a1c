name = typo
type = org.reftrace.junit.Buffer
name-method = label
alloc = org.reftrace.junit.Buffer#allocate(java.lang.String)
hold = org.reftrace.junit.Buffer#retian()
put = org.reftrace.junit.Buffer#release()
