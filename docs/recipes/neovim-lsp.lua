-- cio-lint's language server in Python, JavaScript and TypeScript buffers, on Neovim 0.7 and
-- later, without plugins: one server per project (the nearest folder holding a root marker).
local root_markers = { 'pyproject.toml', 'cio-lint.toml', '.cio-lint.toml', 'package.json', '.git' }

local function project_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs(root_markers) do
      if (vim.uv or vim.loop).fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.fnamemodify(path, ':p:h')
    end
    dir = parent
  end
end

local clients = {} -- project root -> client id, for Neovim 0.7 (no vim.lsp.start)

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact' },
  callback = function(args)
    local path = vim.api.nvim_buf_get_name(args.buf)
    if path == '' then
      return
    end
    local config = { name = 'cio-lint', cmd = { 'cio-lint', 'server' }, root_dir = project_root(path) }
    if vim.lsp.start then -- Neovim 0.8 and later reuse the client of the same root
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    local id = clients[config.root_dir]
    if not (id and vim.lsp.get_client_by_id(id)) then
      id = vim.lsp.start_client(config)
      clients[config.root_dir] = id
    end
    if id then -- nil when cio-lint could not be started (Neovim says why)
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
