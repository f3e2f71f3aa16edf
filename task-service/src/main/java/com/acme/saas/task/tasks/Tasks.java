package com.acme.saas.task.tasks;

import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other features (erasure) may do with tasks. */
@Service
public class Tasks {

  private final TaskRepository tasks;

  Tasks(TaskRepository tasks) {
    this.tasks = tasks;
  }

  /**
   * Deletes up to {@code limit} of the user's tasks, in the caller's transaction.
   *
   * @return how many went; fewer than {@code limit} means none is left
   */
  public int deleteSomeOwnedBy(UUID userId, int limit) {
    return tasks.deleteSomeOwnedBy(userId, limit);
  }
}
