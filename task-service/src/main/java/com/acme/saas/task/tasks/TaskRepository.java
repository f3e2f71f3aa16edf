package com.acme.saas.task.tasks;

import com.acme.saas.common.web.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tasks} table. */
@Repository
class TaskRepository {

  private final JdbcClient jdbc;

  TaskRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Task insert(Task task) {
    return jdbc.sql(
            """
            insert into tasks (id, user_id, title, description, completed, due_date, created_at, updated_at)
            values (:id, :userId, :title, :description, :completed, :dueDate, now(), now())
            returning *
            """)
        .param("id", task.id())
        .param("userId", task.userId())
        .param("title", task.title())
        .param("description", task.description())
        .param("completed", task.completed())
        .param("dueDate", task.dueDate())
        .query(TaskRepository::task)
        .single();
  }

  /** The task, locked until the end of the transaction so that concurrent changes apply in turn. */
  Optional<Task> findForUpdate(UUID id) {
    return jdbc.sql("select * from tasks where id = :id for update")
        .param("id", id)
        .query(TaskRepository::task)
        .optional();
  }

  Optional<Task> find(UUID id) {
    return jdbc.sql("select * from tasks where id = :id")
        .param("id", id)
        .query(TaskRepository::task)
        .optional();
  }

  Task update(Task task) {
    return jdbc.sql(
            """
            update tasks
               set title = :title, description = :description, completed = :completed,
                   due_date = :dueDate, updated_at = now()
             where id = :id
            returning *
            """)
        .param("id", task.id())
        .param("title", task.title())
        .param("description", task.description())
        .param("completed", task.completed())
        .param("dueDate", task.dueDate())
        .query(TaskRepository::task)
        .single();
  }

  void delete(UUID id) {
    jdbc.sql("delete from tasks where id = :id").param("id", id).update();
  }

  int deleteSomeOwnedBy(UUID userId, int limit) {
    return jdbc.sql(
            "delete from tasks where id in (select id from tasks where user_id = :userId limit :limit)")
        .param("userId", userId)
        .param("limit", limit)
        .update();
  }

  long countOwnedBy(UUID userId) {
    return jdbc.sql("select count(*) from tasks where user_id = :userId")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  List<Task> list(TaskFilter filter, TaskSort sort, PageQuery page) {
    Map<String, Object> params = new HashMap<>();
    String where = where(filter, params);
    params.put("limit", page.pageSize());
    params.put("offset", page.offset());
    return jdbc.sql("select * from tasks" + where + sort.orderBy() + " limit :limit offset :offset")
        .params(params)
        .query(TaskRepository::task)
        .list();
  }

  long count(TaskFilter filter) {
    Map<String, Object> params = new HashMap<>();
    return jdbc.sql("select count(*) from tasks" + where(filter, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(TaskFilter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" where true");
    if (filter.userId() != null) {
      where.append(" and user_id = :userId");
      params.put("userId", filter.userId());
    }
    if (filter.completed() != null) {
      where.append(" and completed = :completed");
      params.put("completed", filter.completed());
    }
    String pattern = filter.likePattern();
    if (pattern != null) {
      where.append(
          " and (title ilike :pattern escape '\\' or description ilike :pattern escape '\\')");
      params.put("pattern", pattern);
    }
    return where.toString();
  }

  private static Task task(ResultSet rs, int row) throws SQLException {
    return new Task(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("title"),
        rs.getString("description"),
        rs.getBoolean("completed"),
        rs.getObject("due_date", LocalDate.class),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
