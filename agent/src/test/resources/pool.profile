# A user-defined lifecycle: a connection pool that waits for its leases when it closes (docs/profiles.md)
name = pool
kind = connection pool
type = org.reftrace.testfixture.pool.ConnectionPool
name-method = name
count-method = leases

# a lease is a reference on the pool, held by whoever called lease()
hold = org.reftrace.testfixture.pool.ConnectionPool#lease() object=this
# Connection.close() gives it back to the pool it came from
put = org.reftrace.testfixture.pool.ConnectionPool#giveBack(org.reftrace.testfixture.pool.Connection) object=this
# close(): from here every lease should be back; awaitLeases() waits for them and warns every second
should-be-free = org.reftrace.testfixture.pool.ConnectionPool#close(long) object=this
wait = org.reftrace.testfixture.pool.ConnectionPool#awaitLeases(long) object=this when=returns-true
wait-warning = org.reftrace.testfixture.pool.ConnectionPool#warnWaiting() object=this
