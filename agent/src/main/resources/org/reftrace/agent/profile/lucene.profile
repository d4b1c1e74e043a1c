# The built-in profile for Apache Lucene's refcounted readers (9.x): a DirectoryReader (and the IndexSearcher that
# views it) taken from a SearcherManager with acquire() must go back with release(); one opened with
# DirectoryReader.open must be decRef'd or closed. Segment readers are Lucene's own business: only DirectoryReaders
# are tracked (type), so the references a composite reader keeps on its segments never show.
name = lucene
kind = IndexReader
type = org.apache.lucene.index.DirectoryReader
count-method = getRefCount
count-floor = 0
# a searcher is a view of its reader's count
view = org.apache.lucene.search.IndexSearcher#getIndexReader()
implementation = org.apache.lucene
# readers in use while the program runs are fine; at exit none should be left
lingering = at-exit

# a new reader, its first reference the caller's
alloc = org.apache.lucene.index.DirectoryReader#open(*)
alloc = org.apache.lucene.index.DirectoryReader#openIfChanged(*) when=returns-nonnull
# incRef() is made of tryIncRef(): counted once, at the outermost call
hold = org.apache.lucene.index.IndexReader#incRef()
hold = org.apache.lucene.index.IndexReader#tryIncRef() when=returns-true
put = org.apache.lucene.index.IndexReader#decRef()
# ReferenceManager (SearcherManager, ReaderManager): acquire() hands out a reference, release(G) takes it back
lookup = org.apache.lucene.search.ReferenceManager#acquire()
put = org.apache.lucene.search.ReferenceManager#release(java.lang.Object) object=arg0
