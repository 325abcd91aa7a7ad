package org.privacymetrics.testnode;

import java.util.List;

/** A file-realm user of the test node; {@link #toString()} never shows the password. */
record NodeUser(String name, String password, List<String> roles) {

    @Override
    public String toString() {
        return "NodeUser[" + name + ", roles=" + roles + "]";
    }
}
