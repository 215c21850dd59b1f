/**
 * The admin console: server-rendered pages at {@code /admin/} (Thymeleaf templates under
 * {@code templates/admin/}), with their own security chain (form login, CSRF, sessions in
 * the database). Pages call the same services as the admin API; nothing depends on this
 * package.
 */
package org.coursesync.console;
