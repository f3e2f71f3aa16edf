package com.acme.saas.task.tasks;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.task.quota.PlanQuota;
import com.acme.saas.task.tasks.TaskRequests.NewTask;
import com.acme.saas.task.tasks.TaskRequests.TaskPatch;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of tasks: a user sees and changes only its own tasks (another user's task is as absent
 * as a missing one), an admin any task, and creating one respects the plan quota.
 */
@Service
class TaskService {

  private static final Logger log = LoggerFactory.getLogger(TaskService.class);

  private final TaskRepository tasks;
  private final PlanQuota quota;

  TaskService(TaskRepository tasks, PlanQuota quota) {
    this.tasks = tasks;
    this.quota = quota;
  }

  @Transactional
  TaskView create(CurrentUser user, NewTask request) {
    quota.ensureRoomForOneMore(user.id(), () -> tasks.countOwnedBy(user.id()));
    Instant now = Instant.now();
    Task task =
        tasks.insert(
            new Task(
                UUID.randomUUID(),
                user.id(),
                request.title(),
                request.description(),
                Boolean.TRUE.equals(request.completed()),
                request.dueDate(),
                now,
                now));
    log.info("task.created taskId={} userId={}", task.id(), user.id());
    return TaskView.of(task);
  }

  @Transactional(readOnly = true)
  PageResponse<TaskView> list(TaskFilter filter, TaskSort sort, PageQuery page) {
    long total = tasks.count(filter);
    return PageResponse.of(
        tasks.list(filter, sort, page).stream().map(TaskView::of).toList(), page, total);
  }

  @Transactional(readOnly = true)
  TaskView get(CurrentUser user, UUID id) {
    return TaskView.of(visible(user, tasks.find(id).orElse(null), id));
  }

  @Transactional
  TaskView update(CurrentUser user, UUID id, TaskPatch patch) {
    Task task = visible(user, tasks.findForUpdate(id).orElse(null), id);
    if (patch.has("title") && patch.title() == null) {
      throw ApiException.validation("title cannot be null");
    }
    if (patch.has("completed") && patch.completed() == null) {
      throw ApiException.validation("completed cannot be null");
    }
    Task changed =
        new Task(
            task.id(),
            task.userId(),
            patch.has("title") ? patch.title() : task.title(),
            patch.has("description") ? patch.description() : task.description(),
            patch.has("completed") ? patch.completed() : task.completed(),
            patch.has("dueDate") ? patch.dueDate() : task.dueDate(),
            task.createdAt(),
            task.updatedAt());
    return TaskView.of(tasks.update(changed));
  }

  @Transactional
  void delete(CurrentUser user, UUID id) {
    Task task = visible(user, tasks.findForUpdate(id).orElse(null), id);
    tasks.delete(task.id());
    log.info("task.deleted taskId={} userId={} by={}", task.id(), task.userId(), user.id());
  }

  private static Task visible(CurrentUser user, @Nullable Task task, UUID id) {
    if (task == null || !(user.isAdmin() || task.ownedBy(user.id()))) {
      throw ApiException.notFound("Task", id);
    }
    return task;
  }
}
