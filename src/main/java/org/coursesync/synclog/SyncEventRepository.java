package org.coursesync.synclog;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The sync history.
 */
interface SyncEventRepository extends JpaRepository<SyncEvent, UUID>, JpaSpecificationExecutor<SyncEvent> {

}
