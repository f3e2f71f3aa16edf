package com.acme.saas.task.tasks;

import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every user's tasks, for admins. */
@RestController
@RequestMapping("/api/v1/admin/tasks")
class AdminTaskController {

  private final TaskService service;

  AdminTaskController(TaskService service) {
    this.service = service;
  }

  @GetMapping
  @PreAuthorize("hasRole('ADMIN')")
  PageResponse<TaskView> list(
      @Valid PageQuery page,
      @RequestParam(required = false) @Nullable UUID userId,
      @RequestParam(required = false) @Nullable Boolean completed,
      @RequestParam(required = false) @Nullable @Size(max = 200) String q,
      @RequestParam(defaultValue = TaskSort.DEFAULT) String sort) {
    return service.list(new TaskFilter(userId, completed, q), TaskSort.parse(sort), page);
  }
}
