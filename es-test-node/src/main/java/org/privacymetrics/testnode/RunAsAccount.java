package org.privacymetrics.testnode;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The unprivileged account the node runs under when this JVM is root (Elasticsearch refuses to run as root): created
 * with {@code useradd --system} if missing, given the work directory, and put in front of the node's command with
 * {@code runuser}.
 */
final class RunAsAccount {

    private static final System.Logger LOG = System.getLogger(RunAsAccount.class.getName());

    private final String user;

    private RunAsAccount(String user) {
        this.user = user;
    }

    /** The account to run as: {@code configured} when this JVM is root, else none (the node runs as this user). */
    static RunAsAccount forThisJvm(String configured) {
        return isRoot() ? new RunAsAccount(configured) : null;
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    String name() {
        return user;
    }

    /** {@code command} run as this account. */
    List<String> wrap(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Creates the account if needed, hands it {@code workDir}, makes every parent directory traversable and checks
     * that it can run the JDK at {@code javaHome}.
     */
    void prepare(Path workDir, Path javaHome) throws IOException {
        ensureExists();
        if (Processes.exec(List.of("chown", "-R", user, workDir.toString()), Duration.ofMinutes(2)) != 0) {
            throw new IllegalStateException("chown -R " + user + " " + workDir + " failed");
        }
        for (Path p = workDir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                LOG.log(Level.INFO, "making {0} traversable (o+x) for user {1}", p, user);
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
        Path java = javaHome.resolve("bin/java").toRealPath();
        for (Path p = java; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("user [" + user + "] cannot run the JDK: [" + p
                        + "] is not executable for others; set javaHome to a JDK readable by that user");
            }
        }
    }

    private void ensureExists() throws IOException {
        if (Processes.exec(List.of("id", "-u", user), Duration.ofSeconds(30)) == 0) {
            return;
        }
        LOG.log(Level.INFO, "creating unprivileged account {0} for Elasticsearch", user);
        int rc = Processes.exec(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user),
                Duration.ofSeconds(60));
        // Another JVM may have created it concurrently; only the end state matters.
        if (rc != 0 && Processes.exec(List.of("id", "-u", user), Duration.ofSeconds(30)) != 0) {
            throw new IllegalStateException("cannot create user [" + user + "] (useradd exit code " + rc + ")");
        }
    }

    @Override
    public String toString() {
        return "RunAsAccount[" + user + "]";
    }
}
