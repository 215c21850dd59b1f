package org.coursesync.console;

import java.util.Map;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console pages' writes refused without the role or the CSRF token (a forged form):
 * 403, and nothing stored or started.
 */
@AutoConfigureMockMvc
class ConsolePagesSecurityIT extends HttpIT {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/course/";

	@Autowired
	MockMvc mvc;

	String runId;

	@BeforeEach
	void aRun() {
		this.jdbc.update("DELETE FROM reconciliation_lease");
		this.jdbc.update("DELETE FROM reconciliation");
		this.db.course("DEMOX", "Demo");
		assertThat(this.http.sync("""
				{"resource_link": "%s", "start": "2031-01-01T00:00:00Z", "languages": ["en"]}""".formatted(LINK))
			.statusCode()).isEqualTo(200);
		this.runId = this.jdbc.queryForObject("SELECT id FROM course_run", String.class);
	}

	private Map<String, Object> storedRun() {
		return this.jdbc.queryForMap("SELECT * FROM course_run WHERE id = ?", java.util.UUID.fromString(this.runId));
	}

	@Test
	void refusesAReconciliationStartedByAnyoneButAnAdmin() throws Exception {
		for (String role : new String[] { "VIEWER", "EDITOR" }) {
			this.mvc
				.perform(post("/admin/reconciliations").param("lms_backend", "https://draft.lms")
					.with(user(role.toLowerCase(java.util.Locale.ROOT)).roles(role))
					.with(csrf()))
				.andExpect(status().isForbidden());
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation", Integer.class)).isZero();
	}

	@Test
	void showsTheStartButtonToAdminsOnly() throws Exception {
		this.mvc.perform(get("/admin/reconciliations").with(user("editor").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("start-reconciliation"))));
		this.mvc.perform(get("/admin/reconciliations").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"start-reconciliation\"")));
	}

	@Test
	void refusesARunEditByAViewer() throws Exception {
		Map<String, Object> before = storedRun();
		this.mvc
			.perform(post("/admin/runs/" + this.runId).param("title", "Forged")
				.with(user("viewer").roles("VIEWER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(storedRun()).isEqualTo(before);
	}

	@Test
	void refusesWritesWithoutTheirCsrfToken() throws Exception {
		Map<String, Object> before = storedRun();
		this.mvc.perform(post("/admin/runs/" + this.runId).param("title", "Forged").with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/reconciliations").param("lms_backend", "https://draft.lms")
				.with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/runs/" + this.runId).param("title", "Forged")
				.with(user("admin").roles("ADMIN"))
				.with(csrf().useInvalidToken()))
			.andExpect(status().isForbidden());
		assertThat(storedRun()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation", Integer.class)).isZero();
	}

	@Test
	void storesAnEditorsEditAndRefusesAnInvalidOneWithItsErrorBesideTheField() throws Exception {
		Map<String, Object> before = storedRun();
		this.mvc
			.perform(post("/admin/runs/" + this.runId).param("start", "not a date")
				.param("title", "Valid title")
				.with(user("editor").roles("EDITOR"))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"start-error\"")));
		assertThat(storedRun()).isEqualTo(before);
		this.mvc
			.perform(post("/admin/runs/" + this.runId).param("title", "Valid title")
				.with(user("editor").roles("EDITOR"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(storedRun().get("title")).isEqualTo("Valid title");
	}

}
