# Slots, whose accessors are synchronized (see HostilePrograms)
name = slot
type = org.reftrace.testfixture.hostile.Slot
name-method = id
count-method = count
alloc = org.reftrace.testfixture.hostile.Slot#open(java.lang.String)
hold = org.reftrace.testfixture.hostile.Slot#retain()
put = org.reftrace.testfixture.hostile.Slot#release()
