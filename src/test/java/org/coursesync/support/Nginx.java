package org.coursesync.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx run by a test, as a child process, with the repository's
 * {@code deploy/nginx/coursesync.conf} in front of the test's application: the shipped
 * file, with only its listen port and its upstream port replaced, inside a minimal main
 * configuration whose files all live in a temporary prefix directory.
 */
public final class Nginx implements AutoCloseable {

	/** The shipped configuration. */
	public static final Path SHIPPED = Path.of("deploy/nginx/coursesync.conf");

	private static final String LISTEN = "listen 80 default_server;";

	private static final String UPSTREAM = "server 127.0.0.1:8080;";

	private final Process process;

	private final Path prefix;

	private final int port;

	private Nginx(Process process, Path prefix, int port) {
		this.process = process;
		this.prefix = prefix;
		this.port = port;
	}

	/** The nginx executable, searched on the PATH and in the sbin folders. */
	public static Optional<Path> executable() {
		List<String> folders = new ArrayList<>(
				List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		folders.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
		return folders.stream()
			.filter((folder) -> !folder.isEmpty())
			.map((folder) -> Path.of(folder, "nginx"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts nginx on a free port of 127.0.0.1, proxying to the application on
	 * {@code appPort}; returns once it accepts connections.
	 */
	public static Nginx start(Path nginx, int appPort) throws IOException, InterruptedException {
		Path prefix = Files.createTempDirectory("coursesync-nginx");
		int port = freePort();
		String shipped = Files.readString(SHIPPED);
		String site = replaceOnce(replaceOnce(shipped, LISTEN, "listen 127.0.0.1:" + port + " default_server;"),
				UPSTREAM, "server 127.0.0.1:" + appPort + ";");
		Files.writeString(prefix.resolve("coursesync.conf"), site);
		String main = """
				daemon off;
				master_process off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log info;
				events { worker_connections 1024; }
				http {
				    access_log %1$s/access.log;
				    client_body_temp_path %1$s/body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    include %1$s/coursesync.conf;
				}
				""".formatted(prefix);
		Path conf = prefix.resolve("nginx.conf");
		Files.writeString(conf, main);
		Process process = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(), "-e",
				prefix.resolve("error.log").toString())
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("stdout.log").toFile())
			.start();
		Nginx started = new Nginx(process, prefix, port);
		started.awaitListening(Duration.ofSeconds(30));
		return started;
	}

	/** The port nginx listens on (127.0.0.1). */
	public int port() {
		return this.port;
	}

	/** nginx's error log so far (it logs time-outs and refused connections there). */
	public String errorLog() throws IOException {
		Path log = this.prefix.resolve("error.log");
		return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(this.prefix)) {
			files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((file) -> file.toFile().delete());
		}
	}

	private void awaitListening(Duration guard) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + guard.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("nginx exited with " + this.process.exitValue() + ": "
						+ Files.readString(this.prefix.resolve("stdout.log")) + errorLog());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					close();
					throw new IllegalStateException("nginx did not listen within " + guard, ex);
				}
				Thread.sleep(50);
			}
		}
	}

	private static String replaceOnce(String text, String target, String replacement) {
		int at = text.indexOf(target);
		if (at < 0 || text.indexOf(target, at + 1) >= 0) {
			throw new IllegalStateException(SHIPPED + " must contain '" + target + "' exactly once");
		}
		return text.replace(target, replacement);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
