package org.reftrace.samples.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * A balanced stress program: several threads {@code acquire()} and {@code release()} searchers as fast as they can
 * while the main thread adds a document and refreshes after each one, so that readers are swapped hundreds of times
 * and each old reader is closed by whichever search releases it last, often while another thread is taking a
 * reference on it. Every reference is given back. Bounded by counts, in memory ({@link ByteBuffersDirectory}).
 *
 * <p>Usage: {@code RefreshStorm}. It prints one summary line.
 */
public final class RefreshStorm {
    static final int THREADS = 4;
    static final int SWAPS = 1_000;
    /** Searches per thread at most, should the refreshes be slow. */
    static final int MAX_SEARCHES_PER_THREAD = 100_000;

    private RefreshStorm() {}

    public static void main(String[] args) throws Exception {
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger swaps = new AtomicInteger();
        try (Directory directory = new ByteBuffersDirectory();
                // no merge on refresh: only the searches' own references are in play (LuceneLeakIT covers the merge)
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMaxFullFlushMergeWaitMillis(0));
                SearcherManager manager = new SearcherManager(writer, null)) {
            manager.addListener(new ReferenceManager.RefreshListener() {
                @Override
                public void beforeRefresh() {}

                @Override
                public void afterRefresh(boolean didRefresh) {
                    if (didRefresh) {
                        swaps.incrementAndGet();
                    }
                }
            });
            AtomicBoolean done = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < MAX_SEARCHES_PER_THREAD && !done.get(); i++) {
                            IndexSearcher searcher = manager.acquire();
                            try {
                                searcher.getIndexReader().maxDoc();
                                searches.incrementAndGet();
                            } finally {
                                manager.release(searcher);
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }, "storm-" + t);
                thread.start();
                threads.add(thread);
            }
            start.await();
            for (int i = 0; swaps.get() < SWAPS && i < 10 * SWAPS; i++) {
                writer.addDocument(Indexer.document(i));
                manager.maybeRefreshBlocking();
            }
            done.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a search failed", failures.get(0));
            }
        }
        System.out.println("storm: searches " + searches.get() + ", swaps " + swaps.get());
    }
}
