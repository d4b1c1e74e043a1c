package org.reftrace.testfixture;

/** Run under the agent: prints which of the agent's classes the application's class loader can see. */
public final class ClassVisibilityProbe {
    private ClassVisibilityProbe() {}

    public static void main(String[] args) {
        for (String name : args) {
            try {
                Class<?> c = Class.forName(name, false, ClassVisibilityProbe.class.getClassLoader());
                System.out.println("visible " + name + " loader=" + c.getClassLoader());
            } catch (ClassNotFoundException e) {
                System.out.println("hidden " + name);
            }
        }
    }
}
