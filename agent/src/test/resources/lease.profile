# a custom refcounted class
name = lease
kind = lease
type = org.reftrace.testfixture.lease.Lease   # and its subclasses
name-method = id
count-method = count
alloc = org.reftrace.testfixture.lease.LeasePool#acquire(java.lang.String)
hold = org.reftrace.testfixture.lease.Lease#retain()
put = org.reftrace.testfixture.lease.Lease#release()
should-be-free = org.reftrace.testfixture.lease.LeasePool#close()
