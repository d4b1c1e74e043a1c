package org.reftrace.samples.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reftrace.analysis.Finding;
import org.reftrace.analysis.Verdict;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Problem;
import org.reftrace.dump.SiteStats;
import org.reftrace.dump.TrackedObject;

/**
 * The built-in {@code lucene} profile on the real Apache Lucene 9 ({@code lucene-core} 9.12.3 from Maven Central):
 * {@link LuceneSearches} run in a JVM of its own under the agent, on the JDK running the tests and on Temurin 25.
 * The balanced program must report nothing, Lucene's own references included (its manager's reference on each
 * reader, the readers it swaps at each refresh and closes when their last searcher is released, the segment readers
 * a composite reader holds); the leaky one must report its one leaked {@code acquire()} among 3 200, first.
 *
 * <p>Each program run is made once per JDK and shared by the tests that read it.
 */
class LuceneLeakIT {
    static final int SEARCHES = LuceneSearches.SEARCH_THREADS * LuceneSearches.ROUNDS
            * LuceneSearches.SEARCHES_PER_ROUND;
    static final String SUMMARY = "searches " + SEARCHES + ", rejected 1, refreshes " + LuceneSearches.ROUNDS;
    /**
     * Where Lucene 9.12.3 takes and drops references on segment readers: opening a composite reader on the old
     * one's segments (StandardDirectoryReader.open, incRef at StandardDirectoryReader.java:259), closing it (doClose,
     * line 481), the writer's pool of segment readers (ReaderPool, ReadersAndUpdates).
     */
    static final List<String> SEGMENT_READER_CODE = List.of("org.apache.lucene.index.SegmentReader.",
            "org.apache.lucene.index.ReadersAndUpdates.", "org.apache.lucene.index.ReaderPool.",
            "org.apache.lucene.index.StandardDirectoryReader.open(", "org.apache.lucene.index.StandardDirectoryReader.doClose(",
            "org.apache.lucene.index.StandardDirectoryReader.decRefWhileHandlingException(");
    private static final Map<String, LuceneRun> RUNS = new HashMap<>();

    @TempDir
    static Path runs;

    static List<String> javas() {
        return LuceneRun.javas();
    }

    /** The run of {@code variant} on {@code java}, made once. */
    private static synchronized LuceneRun run(String java, String... args) throws Exception {
        String key = java + " " + String.join(" ", args);
        LuceneRun run = RUNS.get(key);
        if (run == null) {
            run = LuceneRun.of(java, true, runs.resolve("run" + RUNS.size()), List.of(args));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("variant " + args[0] + ": " + SUMMARY);
            assertThat(run.dump().health().failures()).as("the agent's own failures: " + run.dump().health())
                    .isZero();
            RUNS.put(key, run);
        }
        return run;
    }

    private static Dump balanced(String java) throws Exception {
        return run(java, "balanced", LuceneSearches.NO_MERGE_ON_REFRESH).dump();
    }

    private static LuceneRun leaky(String java) throws Exception {
        return run(java, "leaky", LuceneSearches.NO_MERGE_ON_REFRESH);
    }

    private static long taken(Dump dump, String site) {
        return dump.sites().stream().filter(s -> s.site().equals(site)).mapToLong(SiteStats::taken).sum();
    }

    private static long released(Dump dump, String site) {
        return dump.sites().stream().filter(s -> s.site().equals(site)).mapToLong(SiteStats::released).sum();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void theBalancedProgramReportsNothing(String java) throws Exception {
        LuceneRun run = run(java, "balanced", LuceneSearches.NO_MERGE_ON_REFRESH);
        Dump dump = run.dump();
        // readers were swapped under the searches: the old ones were released by Lucene, not the program
        assertThat(Integer.parseInt(run.stdout().replaceAll("(?s).*readers searched (\\d+),.*", "$1")))
                .isGreaterThan(LuceneSearches.ROUNDS / 2);
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.summary().lingeringHolders()).isZero();
        assertThat(dump.summary().holders()).isZero();
        assertThat(dump.summary().unattributed()).isZero();
        assertThat(dump.objects()).allSatisfy(o -> assertThat(o.holders()).as(o.name()).isEmpty());
        Verdict verdict = Verdict.of(dump);
        assertThat(verdict.leaks()).isFalse();
        assertThat(verdict.findings()).isEmpty();
        // every reference taken was put back, each paired once
        long taken = dump.sites().stream().mapToLong(SiteStats::taken).sum();
        assertThat(dump.sites().stream().filter(s -> s.taken() > 0).mapToLong(SiteStats::released).sum())
                .isEqualTo(taken);
        assertThat(dump.pairings().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(taken);
        assertThat(run.stderr()).contains("reftrace: 0 objects still held (0 lingering references), 0 problems");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void theLeakedAcquireIsReportedOnceAndRankedFirst(String java) throws Exception {
        LuceneRun run = leaky(java);
        Dump dump = run.dump();
        String site = LuceneRun.acquireSite();
        Finding top = Verdict.of(dump).top();
        assertThat(top).isInstanceOf(Finding.Holders.class);
        assertThat(top.site()).isEqualTo(site);
        Finding.Holders holders = (Finding.Holders) top;
        assertThat(holders.suspect().holders()).isEqualTo(1);
        assertThat(holders.suspect().exampleOwner()).startsWith("SearchService@");
        assertThat(holders.suspect().why()).contains("its call site put back " + (SEARCHES - 1) + " of " + SEARCHES);
        // one reference on one reader, nothing else held, and no problem about anything else
        assertThat(dump.summary().lingeringHolders()).isEqualTo(1);
        assertThat(Verdict.of(dump).findings()).filteredOn(f -> f instanceof Finding.Holders).hasSize(1);
        assertThat(dump.objects()).filteredOn(o -> !o.holders().isEmpty()).singleElement()
                .satisfies(o -> assertThat(o.holders()).singleElement()
                        .satisfies(h -> assertThat(h.site()).isEqualTo(site)));
        // the reader is held at exit, or was collected while held: either way the same reference, at the same site
        assertThat(dump.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.type()).isIn("held-at-exit", "leak-found-by-gc");
            assertThat(p.site()).isEqualTo(site);
        });
        assertThat(dump.problems()).extracting(Problem::objectId).containsOnly(dump.objects().stream()
                .filter(o -> !o.holders().isEmpty()).findFirst().orElseThrow().id());
        assertThat(run.stderr()).contains("reftrace: 1 object still held (1 lingering reference)")
                .contains("1 reference keeping StandardDirectoryReader@")
                .contains("taken at " + site + " by SearchService@")
                .contains("its call site put back " + (SEARCHES - 1) + " of " + SEARCHES + " references it took");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void incRefAndTryIncRefCountOnceWhereverTheyAreCalledFrom(String java) throws Exception {
        Dump dump = balanced(java);
        // acquire() calls SearcherManager.tryIncRef(searcher), which calls reader.tryIncRef(): one reference
        assertThat(taken(dump, LuceneRun.acquireSite())).isEqualTo(SEARCHES);
        assertThat(released(dump, LuceneRun.acquireSite())).isEqualTo(SEARCHES);
        // incRef() calls tryIncRef(): neither inner call is a site of its own
        assertThat(dump.sites()).extracting(SiteStats::site).noneMatch(s -> s.startsWith(
                "org.apache.lucene.index.IndexReader.incRef(")).noneMatch(s -> s.startsWith(
                "org.apache.lucene.search.SearcherManager.tryIncRef("));
        int audits = LuceneSearches.ROUNDS / 10;
        List<SiteStats> audit = dump.sites().stream()
                .filter(s -> s.site().startsWith(ReaderAudit.class.getName() + ".audit(") && s.taken() > 0).toList();
        // openIfChanged twice, open once, incRef and tryIncRef once per audit; every one put back
        assertThat(audit).extracting(SiteStats::role).contains("alloc", "hold");
        assertThat(audit).filteredOn(s -> s.role().equals("hold")).hasSize(2)
                .allSatisfy(s -> assertThat(s.taken()).as(s.site()).isEqualTo(audits));
        assertThat(audit).allSatisfy(s -> assertThat(s.released()).as(s.site()).isEqualTo(s.taken()));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void aSegmentReaderNeverShows(String java) throws Exception {
        Dump leaky = leaky(java).dump();
        // the one object the leaky run lists is the reader its leaked searcher views
        assertThat(leaky.objects()).extracting(TrackedObject::className)
                .containsExactly("org.apache.lucene.index.StandardDirectoryReader");
        for (Dump dump : List.of(balanced(java), leaky)) {
            assertThat(dump.objects()).extracting(TrackedObject::className)
                    .allSatisfy(c -> assertThat(c).doesNotContain("SegmentReader"));
            assertThat(dump.objects()).extracting(TrackedObject::name).noneMatch(n -> n.contains("SegmentReader"));
            assertThat(dump.problems()).extracting(Problem::object).noneMatch(n -> n.contains("SegmentReader"));
            // where Lucene 9.12.3 takes and drops references on segment readers: none of it is counted
            assertThat(dump.sites()).extracting(SiteStats::site).noneMatch(s -> SEGMENT_READER_CODE.stream()
                    .anyMatch(s::startsWith));
        }
    }

    /*
     * With Lucene's defaults, a refresh may merge small segments into the new reader (IndexWriterConfig's
     * maxFullFlushMergeWaitMillis, 500 ms: IndexWriter.getReader opens a reader at IndexWriter.java:607 in 9.12.3,
     * and closes it at line 696 once the merged one is ready). That reader is opened and closed inside
     * DirectoryReader.openIfChanged (an alloc whose object is its return value): the agent holds its alloc back
     * until openIfChanged returns, and the close's decRef, recorded at once, must first record that held-back
     * alloc, or it is a put-without-hold, then a hold that nobody puts back (this test found it).
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void aReaderLuceneOpensAndClosesInsideARefreshIsNotReported(String java) throws Exception {
        Dump dump = run(java, "balanced").dump();
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.summary().lingeringHolders()).isZero();
        assertThat(Verdict.of(dump).findings()).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("javas")
    void theLeakedAcquireIsTheOnlyFinding(String java) throws Exception {
        Dump dump = leaky(java).dump();
        assertThat(dump.problems()).extracting(Problem::type).contains("leak-found-by-gc");
        assertThat(Verdict.of(dump).findings()).singleElement().isInstanceOf(Finding.Holders.class);
    }

    @Test
    void aBadArgumentIsOneLineAndExitCode2() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("leak"), List.of("balanced", "--merge"))) {
            LuceneRun run = LuceneRun.of(LuceneRun.javas().get(0), false, runs.resolve("bad" + args.size()), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.stderr().lines().toList()).as(run.stderr()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("lucene-sample: "));
            assertThat(run.stdout()).isEmpty();
        }
    }
}
