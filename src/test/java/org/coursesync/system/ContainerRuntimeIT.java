package org.coursesync.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.ToolProvider;

import org.coursesync.CourseSyncApplication;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's settings, run without Docker: a fresh JVM with the environment the
 * Dockerfile sets (its {@code ENV} lines, read from the file), secrets as files in a
 * configtree folder, and the Dockerfile's health check class on the port it is given.
 * Every line it prints is JSON.
 */
class ContainerRuntimeIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	@Timeout(120)
	void runsWithTheImageSettings(@TempDir Path temp) throws Exception {
		Path secrets = Files.createDirectories(temp.resolve("secrets"));
		Files.writeString(secrets.resolve("coursesync.admin.password"), "from-a-file\n");
		Files.writeString(secrets.resolve("coursesync.secrets"), "first-secret,second-secret\n");
		int port = freePort();
		Map<String, String> environment = dockerfileEnvironment();
		assertThat(environment).containsKeys("SPRING_CONFIG_IMPORT", "LOGGING_STRUCTURED_FORMAT_CONSOLE");
		environment.put("SPRING_CONFIG_IMPORT",
				environment.get("SPRING_CONFIG_IMPORT").replace("/run/secrets/", secrets + "/"));
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:container;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), CourseSyncApplication.class.getName(),
				"--logging.level.org.coursesync.system.RequestIdFilter=DEBUG")
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		List<String> lines = Collections.synchronizedList(new ArrayList<>());
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = out.readLine()) != null;) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		});
		reader.start();
		try {
			TestHttp http = new TestHttp(port);
			awaitStarted(lines, process);
			// The password came from the file, its newline dropped.
			HttpResponse<String> admin = http.send(HttpRequest.newBuilder(http.uri("/api/admin/courses"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString("admin:from-a-file".getBytes(StandardCharsets.UTF_8)))
				.header("X-Request-Id", "not valid!"));
			assertThat(admin.statusCode()).isEqualTo(200);
			String requestId = admin.headers().firstValue("X-Request-Id").orElseThrow();

			Path healthCheck = compileHealthCheck(temp);
			assertThat(runHealthCheck(healthCheck, Map.of("SERVER_PORT", Integer.toString(port)))).isZero();
			assertThat(runHealthCheck(healthCheck,
					Map.of("SERVER_PORT", "1", "MANAGEMENT_SERVER_PORT", Integer.toString(port))))
				.isZero();
			assertThat(runHealthCheck(healthCheck, Map.of("SERVER_PORT", Integer.toString(freePort())))).isOne();

			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			reader.join(10_000);
			List<String> all = List.copyOf(lines);
			assertThat(all).hasSizeGreaterThan(5);
			for (String line : all) {
				assertThat(line).as("every line is JSON").startsWith("{");
				JSON.readTree(line);
			}
			List<JsonNode> replaced = all.stream()
				.filter((line) -> line.contains("Replaced an invalid X-Request-Id"))
				.map(JSON::readTree)
				.toList();
			assertThat(replaced).hasSize(1);
			assertThat(replaced.get(0).path("request_id").asString()).isEqualTo(requestId);
			assertThat(String.join("\n", all)).doesNotContain("from-a-file").doesNotContain("first-secret");
		}
		finally {
			process.destroyForcibly();
		}
	}

	/** The variables of the Dockerfile's {@code ENV} instructions. */
	private static Map<String, String> dockerfileEnvironment() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher env = Pattern.compile("(?m)^ENV (.*)$").matcher(dockerfile);
		while (env.find()) {
			Matcher pair = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|\\S+)").matcher(env.group(1));
			while (pair.find()) {
				environment.put(pair.group(1), pair.group(2).replace("\"", ""));
			}
		}
		return environment;
	}

	private static void awaitStarted(List<String> lines, Process process) throws InterruptedException {
		Poll.until("the service to start or exit", Duration.ofSeconds(90), () -> !process.isAlive() || started(lines));
		if (!started(lines)) {
			throw new AssertionError("not started:\n" + String.join("\n", lines));
		}
	}

	private static boolean started(List<String> lines) {
		synchronized (lines) {
			return lines.stream().anyMatch((line) -> line.contains("Started CourseSyncApplication"));
		}
	}

	private static Path compileHealthCheck(Path temp) throws IOException {
		Path classes = Files.createDirectories(temp.resolve("healthcheck"));
		int result = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", classes.toString(), "docker/HealthCheck.java");
		assertThat(result).isZero();
		return classes;
	}

	private static int runHealthCheck(Path classes, Map<String, String> environment) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
				classes.toString(), "HealthCheck")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().remove("SERVER_PORT");
		builder.environment().remove("MANAGEMENT_SERVER_PORT");
		builder.environment().putAll(environment);
		Process check = builder.start();
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return check.exitValue();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
