name = buffer
type = org.reftrace.junit.Buffer
name-method = label
count-method = count
alloc = org.reftrace.junit.Buffer#allocate(java.lang.String)
hold = org.reftrace.junit.Buffer#retain()
put = org.reftrace.junit.Buffer#release()
