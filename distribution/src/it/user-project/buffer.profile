# What reftrace tracks in this project: the pool's refcounted buffer (docs/profiles.md).
name = pool-buffer
type = com.example.pool.PooledBuffer
name-method = label
count-method = refCnt
alloc = com.example.pool.PooledBuffer#allocate(java.lang.String)
hold = com.example.pool.PooledBuffer#retain()
put = com.example.pool.PooledBuffer#release()
