package org.reftrace.samples.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * An ordinary Lucene program with one leak on an error path: an index in a temporary directory, an
 * {@link IndexWriter}, a {@link SearcherManager} refreshed while documents are added, thousands of searches on two
 * threads ({@link SearchService}), readers used directly ({@link ReaderAudit}), then the manager, the writer and the
 * directory closed (in that order, by try-with-resources). One request among the searches is malformed; the {@code leaky} variant never releases its
 * searcher. Run it under reftrace's {@code lucene} profile (docs/profiles.md).
 *
 * <p>Usage: {@code LuceneSearches balanced|leaky [--no-merge-on-refresh]}. The option turns off what Lucene 9 does by
 * default at a refresh (IndexWriterConfig's maxFullFlushMergeWaitMillis, 500 ms): merging small segments into the new
 * reader, opening and closing a reader of its own inside {@code IndexWriter.getReader}. It prints one summary line; a
 * bad argument prints one line and exits with 2.
 */
public final class LuceneSearches {
    static final int SEARCH_THREADS = 2;
    static final int ROUNDS = 40;
    static final int SEARCHES_PER_ROUND = 40;
    static final int DOCUMENTS_PER_ROUND = 25;
    static final String NO_MERGE_ON_REFRESH = "--no-merge-on-refresh";
    /** The search (on the first search thread) whose request is malformed. */
    static final int MALFORMED_SEARCH = ROUNDS * SEARCHES_PER_ROUND / 2 + 7;

    private LuceneSearches() {}

    public static void main(String[] args) throws Exception {
        Variant variant;
        boolean mergeOnRefresh = true;
        try {
            if (args.length < 1 || args.length > 2) {
                throw new IllegalArgumentException("expected the variant (balanced or leaky) and optionally "
                        + NO_MERGE_ON_REFRESH);
            }
            variant = Variant.parse(args[0]);
            if (args.length == 2) {
                if (!args[1].equals(NO_MERGE_ON_REFRESH)) {
                    throw new IllegalArgumentException("unknown option '" + args[1] + "' (expected: "
                            + NO_MERGE_ON_REFRESH + ")");
                }
                mergeOnRefresh = false;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lucene-sample: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path index = Files.createTempDirectory("reftrace-lucene-");
        try {
            System.out.println(run(index, variant, mergeOnRefresh));
        } finally {
            deleteTree(index);
        }
    }

    /** Runs the whole program on an index in {@code index}; returns its summary line. */
    static String run(Path index, Variant variant, boolean mergeOnRefresh) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        if (!mergeOnRefresh) {
            config.setMaxFullFlushMergeWaitMillis(0);
        }
        ExecutorService helper = Executors.newSingleThreadExecutor();
        try (Directory directory = FSDirectory.open(index);
                IndexWriter writer = new IndexWriter(directory, config);
                SearcherManager manager = new SearcherManager(writer, new SearcherFactory());
                ReaderAudit audit = new ReaderAudit(writer, directory, helper)) {
            Indexer indexer = new Indexer(writer, manager);
            SearchService service = new SearchService(manager, variant);
            int seen = searchWhileIndexing(indexer, service, audit);
            return String.format(Locale.ROOT, "variant %s: searches %d, rejected %d, refreshes %d, readers searched %d, "
                    + "documents %d (audit: %d seen, %d reopened, %d handed off, %d tried)",
                    variant.name().toLowerCase(Locale.ROOT), service.searches(), service.rejected(),
                    indexer.refreshes(), service.readersSearched(), indexer.documents(), seen, audit.reopened(),
                    audit.handedOff(), audit.tried());
        } finally {
            helper.shutdown();
        }
    }

    /**
     * Each round, the indexing thread adds documents and refreshes while the search threads run their share of
     * searches; a {@link Phaser} keeps them in step, so that every refresh happens while searches are under way.
     */
    private static int searchWhileIndexing(Indexer indexer, SearchService service, ReaderAudit audit)
            throws Exception {
        Phaser rounds = new Phaser(1 + SEARCH_THREADS);
        List<Thread> searchers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < SEARCH_THREADS; t++) {
            int thread = t;
            Thread searcher = new Thread(() -> {
                try {
                    for (int i = 0; i < ROUNDS * SEARCHES_PER_ROUND; i++) {
                        boolean malformed = thread == 0 && i == MALFORMED_SEARCH;
                        service.hits(malformed ? " " : Indexer.WORDS[(i + thread) % Indexer.WORDS.length]);
                        if ((i + 1) % SEARCHES_PER_ROUND == 0) {
                            rounds.arriveAndAwaitAdvance();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    rounds.arriveAndDeregister();
                }
            }, "searcher-" + t);
            searcher.start();
            searchers.add(searcher);
        }
        int seen = 0;
        for (int round = 0; round < ROUNDS; round++) {
            indexer.add(DOCUMENTS_PER_ROUND);
            indexer.refresh();
            if (round % 10 == 9) {
                seen = audit.audit();
            }
            rounds.arriveAndAwaitAdvance();
        }
        for (Thread searcher : searchers) {
            searcher.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a search failed", failures.get(0));
        }
        return seen;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
