package org.reftrace.junit;

/** Run under a profile that misspells a method ({@code typo.profile}): test mode must fail, saying which. */
public final class TypoProfileMain {
    private TypoProfileMain() {}

    public static void main(String[] args) {
        long mark = Reftrace.mark();
        Buffer b = Buffer.allocate("typo");
        b.retain(); // not recorded: the profile names retian()
        b.release();
        b.release();
        try {
            Reftrace.check(mark);
            System.out.println("check passed");
        } catch (AssertionError e) {
            System.out.println("check failed: " + e.getMessage());
        }
    }
}
