package org.coursesync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.coursesync.ReadmeBlocks.Block;
import org.coursesync.ReadmeBlocks.Expected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the README's runnable {@code bash} blocks, in order, in one shell session, against
 * the application started as {@code ./mvnw spring-boot:run} starts it (dev profile) on a
 * free port and an empty database: each block must exit 0 and print the {@code #>} lines
 * it shows.
 */
class ReadmeIT {

	private static final Path README = Path.of("README.md");

	/** A block sends a few requests to a local service: ten times what it takes. */
	private static final long BLOCK_TIMEOUT_SECONDS = 120;

	/**
	 * Runs before each block: restores the variables and functions the earlier blocks
	 * defined, as the reader's shell keeps them.
	 */
	private static final String PROLOGUE = """
			__baseline=" $(compgen -v | tr '\\n' ' ') $(compgen -A function | tr '\\n' ' ') "
			if [ -f "$README_STATE" ]; then source "$README_STATE"; fi
			set -euo pipefail
			""";

	/** Runs after a block that succeeded: saves what it defined for the next ones. */
	private static final String EPILOGUE = """

			{
			  for __name in $(compgen -v); do
			    case "$__baseline" in *" $__name "*) continue ;; esac
			    case "$__name" in __*) continue ;; esac
			    declare -p "$__name"
			  done
			  for __name in $(compgen -A function); do
			    case "$__baseline" in *" $__name "*) continue ;; esac
			    declare -f "$__name"
			  done
			} > "$README_STATE"
			""";

	private static Path workDir;

	private static ConfigurableApplicationContext application;

	private static int port;

	private static boolean failed;

	@BeforeAll
	static void startTheDevService() throws IOException {
		workDir = Files.createTempDirectory("coursesync-readme");
		application = new SpringApplicationBuilder(CourseSyncApplication.class).profiles("dev")
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.org.coursesync=INFO",
					"--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("data").resolve("coursesync")
							+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		port = ((WebServerApplicationContext) application).getWebServer().getPort();
	}

	@AfterAll
	static void stop() throws IOException {
		if (application != null) {
			application.close();
		}
		try (Stream<Path> files = Files.walk(workDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void marksEveryBashBlockAndRunsSome() throws IOException {
		ReadmeBlocks readme = ReadmeBlocks.read(README);
		assertThat(readme.runnable()).hasSizeGreaterThan(5);
		assertThat(readme.blocks()).filteredOn((block) -> !block.runnable()).isNotEmpty();
	}

	@Test
	void findsTheToolsTheBlocksUse() throws Exception {
		Result result = bash("for tool in curl openssl python3; do command -v \"$tool\"; done", Path.of("unused"));
		assertThat(result.exitCode()).as("curl, openssl and python3 on the PATH:\n%s", result.output()).isZero();
	}

	@TestFactory
	Stream<DynamicTest> runsTheRunnableBlocksInOrder() throws IOException {
		Path state = workDir.resolve("shell-state.sh");
		List<Block> blocks = ReadmeBlocks.read(README).runnable();
		return blocks.stream().map((block) -> DynamicTest.dynamicTest(block.name(), () -> {
			assumeTrue(!failed, "an earlier block failed");
			failed = true;
			run(block, state);
			failed = false;
		}));
	}

	private static void run(Block block, Path state) throws Exception {
		Result result = bash(PROLOGUE + block.text() + "\n" + EPILOGUE, state);
		if (result.exitCode() != 0) {
			fail("%s exited with status %d%n--- block ---%n%s%n--- output ---%n%s", block.name(), result.exitCode(),
					block.text(), result.output());
		}
		List<String> output = result.output().lines().map(String::stripTrailing).toList();
		int next = 0;
		for (Expected expected : block.expectedOutput()) {
			while (next < output.size() && !expected.matches(output.get(next))) {
				next++;
			}
			if (next == output.size()) {
				fail("%s did not print, after the lines matched before it, a line matching%n#> %s%n--- output ---%n%s",
						block.name(), expected.shown(), result.output());
			}
			next++;
		}
	}

	private static Result bash(String script, Path state) throws Exception {
		Path scriptFile = Files.createTempFile(workDir, "block", ".sh");
		Path outputFile = Files.createTempFile(workDir, "block", ".out");
		Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
		ProcessBuilder builder = new ProcessBuilder("/bin/bash", scriptFile.toString())
			.directory(Path.of("").toAbsolutePath().toFile())
			.redirectErrorStream(true)
			.redirectOutput(outputFile.toFile());
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("README_STATE", state.toString());
		Process process = builder.start();
		if (!process.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("still running after %d s: %n%s%n--- output ---%n%s", BLOCK_TIMEOUT_SECONDS, script,
					Files.readString(outputFile));
		}
		return new Result(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
