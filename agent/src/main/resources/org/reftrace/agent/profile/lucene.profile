# The built-in profile for Apache Lucene's refcounted readers (9.x): a DirectoryReader (and the IndexSearcher that
# views it) taken from a SearcherManager with acquire() must go back with release(); one opened with
# DirectoryReader.open must be decRef'd or closed. Segment readers are Lucene's own business: only DirectoryReaders
# are tracked (type), so the references a composite reader keeps on its segments never show.
# Checked on lucene-core 9.12.3 by lucene-sample (LuceneLeakIT); line numbers below are that release's sources.
name = lucene
kind = IndexReader
type = org.apache.lucene.index.DirectoryReader
count-method = getRefCount
count-floor = 0
# a searcher is a view of its reader's count: SearcherManager's tryIncRef(searcher) and decRef(searcher) call
# searcher.getIndexReader().tryIncRef() / .decRef() (SearcherManager.java:136, :154)
view = org.apache.lucene.search.IndexSearcher#getIndexReader()
implementation = org.apache.lucene
# readers in use while the program runs are fine; at exit none should be left
lingering = at-exit

# a new reader, its first reference the caller's; open(IndexWriter) is IndexWriter.getReader
# (DirectoryReader.java:112), and StandardDirectoryReader's own static open(...) inside it counts once, here
alloc = org.apache.lucene.index.DirectoryReader#open(*)
alloc = org.apache.lucene.index.DirectoryReader#openIfChanged(*) when=returns-nonnull
# incRef() is made of tryIncRef() (IndexReader.java:214): counted once, at the outermost call. close() is not a put
# of its own: it calls decRef() only the first time (IndexReader.java:463-465), and a second close() is allowed
hold = org.apache.lucene.index.IndexReader#incRef()
hold = org.apache.lucene.index.IndexReader#tryIncRef() when=returns-true
put = org.apache.lucene.index.IndexReader#decRef()
# ReferenceManager (SearcherManager, ReaderManager): acquire() hands out a reference through tryIncRef(ref)
# (ReferenceManager.java:98), release(G) takes it back through decRef(ref) (ReferenceManager.java:264). The manager's
# own reference on its current reader is the one its constructor or refreshIfNeeded opened (SearcherManager.java:97,
# :113, :144); swapReference releases it at the next refresh or at close() (ReferenceManager.java:57)
lookup = org.apache.lucene.search.ReferenceManager#acquire()
put = org.apache.lucene.search.ReferenceManager#release(java.lang.Object) object=arg0
